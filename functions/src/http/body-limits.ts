/**
 * Requests whose bodies are not JSON and have limits of their own, checked by their routes: evidence bytes
 * (the evidence upload limit) and CSAF documents (the CSAF document limit). Every other `/v1` body is held to
 * the JSON body limit. Kept apart from the routes so the app can decide without loading them.
 */
export const isEvidenceUploadPath = (path: string) =>
  path === "/v1/evidence" || /^\/v1\/evidence\/[0-9a-z]{26}\/content$/.test(path);

/** POST /v1/advisories carries a CSAF document. */
export const isAdvisoryImportPath = (path: string) => path === "/v1/advisories" || path === "/v1/advisories/";

export const hasOwnBodyLimit = (path: string) => isEvidenceUploadPath(path) || isAdvisoryImportPath(path);
