import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldLabel, humanIssue, invalidFieldsDetail } from "./messages";

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error("expected a validation failure");
  return parsed.error.issues;
};

describe("humanIssue", () => {
  const ZForm = z.object({
    name: z.string().min(2),
    title: z.string().min(1),
    count: z.number().max(4),
    dueDate: z.iso.date(),
    kind: z.enum(["technical", "procedural"]),
    componentId: z.string().regex(/^[0-9a-z]{26}$/, "must be an id (26 lower-case letters and digits)"),
    minimumBasis: z.string(),
    frs: z.array(z.number()).min(1),
    role: z.string().min(1, "give the asset a role"),
  });
  const issues = issuesOf(ZForm, {
    name: "a",
    title: "",
    count: 7,
    dueDate: "2026-13-01",
    kind: "other",
    componentId: "nope",
    frs: [],
    role: "",
  });
  const byField = Object.fromEntries(issues.map((issue) => [String(issue.path[0]), humanIssue(issue)]));

  it.each([
    ["name", "Name needs at least 2 characters."],
    ["title", "Title is required."],
    ["count", "Count can be at most 4."],
    ["dueDate", "Due date must be a date like 2026-12-31."],
    ["kind", "Kind must be one of: technical, procedural."],
    ["componentId", "Component: choose one from the list."],
    ["minimumBasis", "Minimum basis is required."],
    ["frs", "FRs needs at least 1 entry."],
    // A message the schema's author wrote for people stays as it is.
    ["role", "give the asset a role"],
  ])("%s: %s", (field, message) => {
    expect(byField[field]).toBe(message);
  });

  it("never passes a zod default message through", () => {
    for (const message of Object.values(byField)) {
      expect(message).not.toMatch(
        /^(Too small|Too big|Invalid input|Invalid ISO|Invalid option|Invalid string)/,
      );
    }
  });

  it("names unknown keys", () => {
    const [issue] = issuesOf(z.strictObject({ a: z.string() }), { a: "x", colour: 1 });
    expect(humanIssue(issue as z.core.$ZodIssue)).toBe("The request: remove the unknown field colour.");
  });
});

describe("fieldLabel and invalidFieldsDetail", () => {
  it.each([
    [["responsibleTenantId"], "Responsible organisation"],
    [["claims", 0, "slC"], "SL-C"],
    [["versions", 2], "Versions item 3"],
    [[], "The request"],
  ])("%j → %s", (path, label) => {
    expect(fieldLabel(path)).toBe(label);
  });

  it("lists the fields in words", () => {
    expect(invalidFieldsDetail([["name"], ["version"], ["name"]])).toBe(
      "Check Name and Version: each problem is listed in errors[] with the field and what to do.",
    );
  });
});
