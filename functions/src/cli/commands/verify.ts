import { readFile } from "node:fs/promises";
import { type TSignedClaimPayload, ZSignedClaimExport, ZSignedClaimPayload } from "@assure/shared";
import type { Command } from "commander";
import type { JSONWebKeySet } from "jose";
import { z } from "zod";
import { canonicalJson } from "../../signing/canonical-json";
import { verifySignedClaim } from "../../signing/claim-signer";
import { CliError } from "../cli-error";

const ZJwks = z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1, "the key set is empty") });

/** Loads the key set from a file, or from a URL (the API's /.well-known/claims-jwks.json). */
export async function loadJwks(source: string, fetchImpl: typeof fetch = fetch): Promise<JSONWebKeySet> {
  let text: string;
  if (/^https?:\/\//.test(source)) {
    try {
      const res = await fetchImpl(source);
      if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
      text = await res.text();
    } catch (error) {
      throw new CliError(`cannot fetch the key set ${source}: ${(error as Error).message}`);
    }
  } else {
    try {
      text = await readFile(source, "utf8");
    } catch (error) {
      throw new CliError(`cannot read the key set ${source}: ${(error as NodeJS.ErrnoException).code ?? ""}`);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError(`the key set ${source} is not JSON`);
  }
  const jwks = ZJwks.safeParse(parsed);
  if (!jwks.success)
    throw new CliError(`the key set ${source} is not a JWKS: ${jwks.error.issues[0]?.message}`);
  return jwks.data as JSONWebKeySet;
}

/** Reads an exported claim file: the export JSON ({format, jws, …}) or a bare compact JWS. */
export function parseSignedClaimFile(text: string, name: string): { jws: string; payload?: unknown } {
  const trimmed = text.trim();
  if (/^[\w-]+\.[\w-]+\.[\w-]+$/.test(trimmed)) return { jws: trimmed };
  let data: unknown;
  try {
    data = JSON.parse(trimmed);
  } catch {
    throw new CliError(`${name} is neither a signed-claim export (JSON) nor a compact JWS`);
  }
  const parsed = ZSignedClaimExport.safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  /${i.path.map(String).join("/")}: ${i.message}`);
    throw new CliError(`${name} is not a signed-claim export:\n${lines.join("\n")}`);
  }
  return { jws: parsed.data.jws, payload: parsed.data.payload };
}

export type VerifyOutcome =
  | { ok: true; kid: string; payload: TSignedClaimPayload }
  | { ok: false; reason: string };

/**
 * Checks a signed claim offline: the JWS signature against the key set, the payload's format, and (for an
 * export) that the readable copy beside the JWS says the same as what was signed.
 */
export async function verifyClaim(
  file: { jws: string; payload?: unknown },
  jwks: JSONWebKeySet,
): Promise<VerifyOutcome> {
  const result = await verifySignedClaim(file.jws, jwks);
  if (!result.ok) return result;
  const payload = ZSignedClaimPayload.safeParse(result.payload);
  if (!payload.success)
    return { ok: false, reason: "the signed content is not an assure-signed-claim/1 payload" };
  if (file.payload !== undefined && canonicalJson(file.payload) !== canonicalJson(result.payload)) {
    return {
      ok: false,
      reason: "the readable payload in the file differs from the signed one (edited after export)",
    };
  }
  return { ok: true, kid: result.kid, payload: payload.data };
}

export function registerVerifyCommand(program: Command) {
  program
    .command("verify")
    .description(
      "Check a signed claim exported from the portal, offline (exit 0 valid, 1 invalid, 2 bad input)",
    )
    .argument("<file>", "the exported claim (JSON) or a compact JWS")
    .option(
      "--jwks <url|file>",
      "the deployment's key set; default $ASSURE_API_URL/.well-known/claims-jwks.json",
    )
    .option("--json", "print the verified payload as JSON")
    .action(async (fileName: string, options: { jwks?: string; json?: boolean }) => {
      let text: string;
      try {
        text = await readFile(fileName, "utf8");
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new CliError(
          `cannot read ${fileName}: ${code === "ENOENT" ? "no such file" : (error as Error).message}`,
        );
      }
      const file = parseSignedClaimFile(text, fileName);
      const source =
        options.jwks ??
        (process.env.ASSURE_API_URL
          ? `${process.env.ASSURE_API_URL.replace(/\/+$/, "")}/.well-known/claims-jwks.json`
          : undefined);
      if (!source) throw new CliError("give --jwks <url|file> (or set ASSURE_API_URL)");
      const outcome = await verifyClaim(file, await loadJwks(source));
      if (!outcome.ok) throw new CliError(`NOT VALID: ${outcome.reason}`, 1);
      const p = outcome.payload;
      if (options.json) {
        process.stdout.write(`${JSON.stringify(p, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        [
          `valid signature (key ${outcome.kid})`,
          `component: ${p.component.name} (${p.component.componentType}) by ${p.supplier.name}${p.supplier.verified ? " (verified supplier)" : ""}`,
          `revision ${p.revision}, published ${p.publishedAt}, digest ${p.digest}`,
          ...p.component.claims.map(
            (claim) =>
              `claim ${claim.versionRange}: SL-C ${claim.slC.join(",")} (${claim.basis.replaceAll("_", " ")})`,
          ),
          "",
        ].join("\n"),
      );
    });
}
