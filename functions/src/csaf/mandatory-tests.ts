import * as lib from "@secvisogram/csaf-validator-lib/mandatoryTests.js";
import { checkMissingRevisionItem } from "./check-missing-revision-item";
import { checkProhibitedCategory } from "./check-prohibited-category";
import type { TCsafFailure, TMandatoryTest } from "./types";

// Tests where the library disagrees with the OASIS conformance files; see docs/adr/0010-csaf-validation.md.
const OWN: Record<string, (doc: unknown) => TCsafFailure[]> = {
  "6.1.21": checkMissingRevisionItem,
  "6.1.26": checkProhibitedCategory,
};

const idOf = (name: string) => name.replace(/^mandatoryTest_/, "").replaceAll("_", ".");

function fromLibrary(
  id: string,
  fn: (doc: unknown) => { errors: { instancePath: string; message: string }[] },
) {
  return (doc: unknown): TCsafFailure[] =>
    fn(doc).errors.map((e) => ({ test: id, path: e.instancePath, message: e.message }));
}

const byNumber = (a: TMandatoryTest, b: TMandatoryTest) => {
  const x = a.id.split(".").map(Number);
  const y = b.id.split(".").map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
};

/** All CSAF 2.0 mandatory tests §6.1.1–6.1.33 (with 6.1.27.1–11), in section order. */
export const MANDATORY_TESTS: readonly TMandatoryTest[] = Object.entries(lib)
  .filter(([name, fn]) => name.startsWith("mandatoryTest_") && typeof fn === "function")
  .map(([name, fn]) => {
    const id = idOf(name);
    return { id, run: OWN[id] ?? fromLibrary(id, fn) };
  })
  .sort(byNumber);
