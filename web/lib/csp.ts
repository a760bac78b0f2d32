/**
 * The portal's Content Security Policy, sent per request with a fresh nonce. Scripts run only with the nonce
 * (Next.js puts it on its own inline and chunk scripts; 'strict-dynamic' lets those load the rest), never
 * inline without it. Styles keep 'unsafe-inline': React `style` attributes, recharts and React Flow set inline
 * styles, which nonces cannot cover; a style cannot run code. `'unsafe-eval'` only in development, where React
 * needs it for its debugging stacks.
 */
export function contentSecurityPolicy(input: {
  nonce: string;
  development?: boolean;
  /** Origins the browser talks to besides the portal (the evidence bucket for direct uploads, a custom API). */
  connectSources?: readonly string[];
  /** Where forms may post besides the portal (the sign-in provider). */
  formActionSources?: readonly string[];
}): string {
  const extra = (sources: readonly string[] | undefined) => (sources?.length ? ` ${sources.join(" ")}` : "");
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${input.nonce}' 'strict-dynamic'${input.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${extra(input.connectSources)}`,
    `form-action 'self'${extra(input.formActionSources)}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** The sources a deployment adds, space-separated in an environment variable (set by the stack). */
export const sourcesFrom = (value: string | undefined): string[] => value?.split(/\s+/).filter(Boolean) ?? [];
