import { humanIssue } from "@assure/shared";
import type { z } from "zod";

/** What a server action answers a form with: field errors keyed by JSON pointer, as the API reports them. */
export type FormResult =
  | { ok: true; message: string }
  | { ok: false; message: string; fieldErrors: Record<string, string> };

/**
 * Form field errors from the shared schema's issues, keyed by JSON pointer like the API's, each in words for
 * people (the field and what to do; see humanIssue in shared). One place for every form of the portal.
 */
export function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  return Object.fromEntries(
    issues.map((issue) => [`/${issue.path.map(String).join("/")}`, humanIssue(issue)]),
  );
}
