import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { multiLine, repairText, singleLine, textProblem } from "./text";

describe("textProblem", () => {
  it.each([
    ["Plant Nord", false, null],
    ["Wasserwerk Süd — 浄水場 😀", false, null],
    ["a\u00a0b", false, null],
    ["\u0000", false, "Name contains a control character (U+0000); remove it"],
    ["a\u001fb", false, "Name contains a control character (U+001F); remove it"],
    ["a\u007f", false, "Name contains a control character (U+007F); remove it"],
    ["a\u0085", false, "Name contains a control character (U+0085); remove it"],
    ["a\u009f", true, "Name contains a control character (U+009F); remove it"],
    ["a\nb", false, "Name must be one line; remove the line break or tab (U+000A)"],
    ["a\tb", false, "Name must be one line; remove the line break or tab (U+0009)"],
    ["a\r\nb\tc", true, null],
    ["a\u000bb", true, "Name contains a control character (U+000B); remove it"],
    ["\ud800", false, "Name contains an invalid character (an unpaired surrogate U+D800); remove it"],
    ["x\udfff", true, "Name contains an invalid character (an unpaired surrogate U+DFFF); remove it"],
    [
      "\ud83d\ude00\ud83d",
      false,
      "Name contains an invalid character (an unpaired surrogate U+D83D); remove it",
    ],
  ])("%j (multi-line %s) → %s", (value, multiline, problem) => {
    expect(textProblem(value, "Name", multiline)).toBe(problem);
  });
});

describe("singleLine / multiLine", () => {
  it("trim first, then refuse what is left, naming the field; other checks still chain", () => {
    const name = singleLine("Name").min(1, "give it a name").max(5);
    expect(name.parse("  ab \n")).toBe("ab");
    const refused = name.safeParse("a\u0000");
    expect(refused.error?.issues.map((i) => i.message)).toEqual([
      "Name contains a control character (U+0000); remove it",
    ]);
    expect(name.safeParse("abcdefg").error?.issues[0]?.message).toMatch(/5/);
    expect(multiLine("Notes").parse("one\r\ntwo")).toBe("one\r\ntwo");
  });
});

describe("repairText", () => {
  const anyText = fc.string({ unit: "binary", maxLength: 200 });
  it("leaves nothing a text field refuses", () => {
    fc.assert(
      fc.property(
        anyText,
        fc.boolean(),
        (s, multiline) => textProblem(repairText(s, multiline), "T", multiline) === null,
      ),
    );
  });
  it("changes nothing in acceptable text and keeps the length in UTF-16 units", () => {
    fc.assert(
      fc.property(anyText, fc.boolean(), (s, multiline) => {
        const repaired = repairText(s, multiline);
        return repaired.length === s.length && (textProblem(s, "T", multiline) !== null || repaired === s);
      }),
    );
  });
});
