/** What a server action answers a form with: field errors keyed by JSON pointer, as the API reports them. */
export type FormResult =
  | { ok: true; message: string }
  | { ok: false; message: string; fieldErrors: Record<string, string> };
