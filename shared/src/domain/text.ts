import { z } from "zod";

/**
 * Text fields people type (names, descriptions, notes). Every such field in the API is built from `singleLine` or
 * `multiLine`, so none accepts characters that render as garbage or break what reads them: NUL and the other C0
 * controls, DEL and the C1 controls, and unpaired UTF-16 surrogates (not text at all; they cannot be encoded as
 * UTF-8, so pickers, exports and signed payloads would each show or reject them differently). Multi-line fields
 * keep tab and line breaks (browsers send CR LF). The message names the field, so the form can say what to fix.
 */

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
const isControl = (code: number) => code < 0x20 || (code >= 0x7f && code <= 0x9f);
const isLineBreakOrTab = (code: number) => code === 0x09 || code === 0x0a || code === 0x0d;

/** What is wrong with `value` as text, phrased for `label`; null when it is fine. One pass over the UTF-16 units. */
export function textProblem(value: string, label: string, multiline: boolean): string | null {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (isControl(code)) {
      if (!isLineBreakOrTab(code)) return `${label} contains a control character (${hex(code)}); remove it`;
      if (!multiline) return `${label} must be one line; remove the line break or tab (${hex(code)})`;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      const next = value.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
      else return `${label} contains an invalid character (an unpaired surrogate ${hex(code)}); remove it`;
    }
  }
  return null;
}

/** Marks the issues these fields raise, so a reader of stored data can tell them from other schema mismatches. */
export const TEXT_ISSUE = "assure.text";

function text(label: string, multiline: boolean) {
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const problem = textProblem(value, label, multiline);
      if (problem)
        ctx.addIssue({ code: "custom", message: problem, params: { [TEXT_ISSUE]: { multiline } } });
    });
}

/** Is this a text-field issue, and was the field multi-line? */
export function textIssue(issue: z.core.$ZodIssue): { multiline: boolean } | null {
  if (issue.code !== "custom") return null;
  const marked = (issue.params as Record<string, unknown> | undefined)?.[TEXT_ISSUE];
  return typeof marked === "object" && marked !== null && "multiline" in marked
    ? { multiline: marked.multiline === true }
    : null;
}

/**
 * `value` with every character a text field refuses replaced by U+FFFD. For text stored before the fields
 * refused them: such items stay readable (and show what was wrong) instead of failing every read.
 */
export function repairText(value: string, multiline: boolean): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (isControl(code)) out += multiline && isLineBreakOrTab(code) ? value[i] : "\ufffd";
    else if (code >= 0xd800 && code <= 0xdfff) {
      const next = value.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += value.slice(i, i + 2);
        i++;
      } else out += "\ufffd";
    } else out += value[i];
  }
  return out;
}

/** A one-line text field (name, title, location): trimmed, no control characters at all. */
export const singleLine = (label: string) => text(label, false);

/** A text field that may span lines (description, notes): trimmed, tab and line breaks allowed. */
export const multiLine = (label: string) => text(label, true);
