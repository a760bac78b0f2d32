import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import {
  draftDetails,
  type TCertification,
  type TClaimsDocument,
  type TComponent,
  type TDocumentCertification,
  type TDocumentComponent,
  ZCertification,
  ZClaim,
  ZClaimsDocument,
  ZComponent,
  ZEvidence,
} from "@assure/shared";
import type { Command } from "commander";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { canonicalJson } from "../../signing/canonical-json";
import { CliError } from "../cli-error";

/** Media types by file extension, for evidence uploads. */
const CONTENT_TYPES: Record<string, string> = {
  ".pdf": "application/pdf",
  ".json": "application/json",
  ".xml": "application/xml",
  ".txt": "text/plain",
  ".csv": "text/csv",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".zip": "application/zip",
};

export interface ApiClient {
  baseUrl: string;
  request(
    method: string,
    path: string,
    options?: { body?: unknown; raw?: Uint8Array; headers?: Record<string, string> },
  ): Promise<Response>;
}

/** A client for the HTTP API with a tenant API key (ASSURE_API_KEY) at ASSURE_API_URL. */
export function apiClientFromEnv(
  env: Record<string, string | undefined>,
  fetchImpl: typeof fetch = fetch,
): ApiClient {
  const baseUrl = env.ASSURE_API_URL?.replace(/\/+$/, "");
  const apiKey = env.ASSURE_API_KEY;
  if (!baseUrl) throw new CliError("Set ASSURE_API_URL to the API's base URL (e.g. http://127.0.0.1:4000).");
  if (!apiKey) throw new CliError("Set ASSURE_API_KEY to a tenant API key with the components:write scope.");
  return {
    baseUrl,
    async request(method, requestPath, options = {}) {
      try {
        return await fetchImpl(`${baseUrl}${requestPath}`, {
          method,
          headers: {
            authorization: `Bearer ${apiKey}`,
            ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
            ...options.headers,
          },
          body: options.raw
            ? Buffer.from(options.raw)
            : options.body !== undefined
              ? JSON.stringify(options.body)
              : undefined,
        });
      } catch (error) {
        throw new CliError(`cannot reach the API at ${baseUrl}: ${(error as Error).message}`);
      }
    },
  };
}

/** Reads an API answer: the parsed body on success, a CliError with the problem's detail and field errors otherwise. */
async function answer<S extends z.ZodType>(res: Response, schema: S, doing: string): Promise<z.output<S>> {
  const text = await res.text();
  if (!res.ok) {
    let detail = `${res.status} ${res.statusText}`;
    let lines: string[] = [];
    try {
      const problem = JSON.parse(text) as { detail?: string; errors?: { path: string; message: string }[] };
      detail = problem.detail ?? detail;
      lines = (problem.errors ?? []).map((e) => `  ${e.path}: ${e.message}`);
    } catch {
      // Not problem+json: the status line says enough.
    }
    throw new CliError([`${doing} failed (${res.status}): ${detail}`, ...lines].join("\n"));
  }
  return schema.parse(JSON.parse(text));
}

/** Parses a claims document (JSON or YAML by extension, YAML also for anything else); exit 2 with paths when invalid. */
export function parseClaimsDocument(text: string, name: string): TClaimsDocument {
  let data: unknown;
  try {
    data = name.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new CliError(
      `${name} is not valid ${name.endsWith(".json") ? "JSON" : "YAML"}: ${(error as Error).message}`,
    );
  }
  const parsed = ZClaimsDocument.safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  /${issue.path.map(String).join("/")}: ${issue.message}`,
    );
    const count = lines.length === 1 ? "1 problem" : `${lines.length} problems`;
    throw new CliError(
      `${name} is not a valid claims document (${count}; see docs/publishing.md):\n${lines.join("\n")}`,
    );
  }
  return parsed.data;
}

export type PublishReport = {
  certifications: { key: string; id: string; action: "created" | "updated" | "unchanged" }[];
  components: {
    key: string;
    id: string;
    action: "created" | "updated" | "unchanged";
    revision: number;
    revisionCreated: boolean;
  }[];
};

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

async function uploadEvidenceFiles(
  client: ApiClient,
  baseDir: string,
  spec: TDocumentCertification,
  existing: TCertification | undefined,
): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, relative] of spec.evidence.entries()) {
    const file = path.resolve(baseDir, relative);
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      throw new CliError(
        `certification ${spec.key}: cannot read evidence[${index}] ${relative}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const fileName = path.basename(file);
    const reused = existing?.evidence.find((e) => e.sha256 === sha256 && e.fileName === fileName);
    if (reused) {
      ids.push(reused.evidenceId);
      continue;
    }
    const contentType = CONTENT_TYPES[path.extname(file).toLowerCase()];
    if (!contentType) {
      throw new CliError(
        `certification ${spec.key}: evidence ${relative} has an unsupported extension (use ${Object.keys(CONTENT_TYPES).join(", ")})`,
      );
    }
    const res = await client.request("POST", `/v1/evidence?fileName=${encodeURIComponent(fileName)}`, {
      raw: bytes,
      headers: { "content-type": contentType },
    });
    ids.push((await answer(res, ZEvidence, `uploading ${relative}`)).id);
  }
  return ids;
}

function certificationBody(spec: TDocumentCertification, evidenceIds: string[]) {
  const { key, evidence: _evidence, ...fields } = spec;
  return { ...fields, sourceKey: key, evidenceIds };
}

/** The certification as the API would store the body: to tell whether a PUT would change anything. */
function certificationState(c: TCertification) {
  return {
    scheme: c.scheme,
    body: c.body,
    certificateNo: c.certificateNo,
    standardPart: c.standardPart,
    slC: c.slC,
    ml: c.ml,
    issued: c.issued,
    expires: c.expires,
    status: c.status,
    scope: c.scope,
    sourceKey: c.sourceKey,
    evidenceIds: c.evidence.map((e) => e.evidenceId),
  };
}

async function resolveTenantIds(client: ApiClient, slugs: string[], componentKey: string): Promise<string[]> {
  const ids: string[] = [];
  for (const slug of slugs) {
    const res = await client.request("GET", `/v1/tenant-directory?slug=${encodeURIComponent(slug)}`);
    if (res.status === 404)
      throw new CliError(`component ${componentKey}: no customer tenant with slug "${slug}"`);
    ids.push((await answer(res, z.object({ id: z.string() }), `looking up tenant ${slug}`)).id);
  }
  return ids;
}

function componentBody(spec: TDocumentComponent, certificationIds: Map<string, string>, tenantIds: string[]) {
  const { key, visibility, claims, ...fields } = spec;
  return {
    ...fields,
    sourceKey: key,
    visibility: visibility.kind === "public" ? visibility : { kind: "restricted" as const, tenantIds },
    claims: claims.map(({ certification, ...claim }) =>
      ZClaim.parse({
        ...claim,
        ...(certification ? { certificationId: certificationIds.get(certification) } : {}),
      }),
    ),
  };
}

/**
 * The part of a stored component a document describes, as its next publication would show it (edits still
 * pending included): equal means no edit is needed.
 */
function componentState(component: TComponent, withVendor: boolean) {
  const c = draftDetails(component);
  return {
    name: c.name,
    ...(withVendor ? { vendor: c.vendor } : {}),
    productLine: c.productLine,
    componentType: c.componentType,
    description: c.description,
    identifiers: c.identifiers,
    visibility: c.visibility,
    lifecycle: c.lifecycle,
    sourceKey: c.sourceKey,
    versions: c.draft.versions,
    claims: c.draft.claims,
  };
}

/**
 * Applies a claims document through the HTTP API: certifications (with evidence files) and components are
 * created or updated only where they differ, then each component is published; the API makes a revision only
 * when the content changed. Running it twice on the same document changes nothing the second time.
 */
export async function publishClaimsDocument(
  client: ApiClient,
  document: TClaimsDocument,
  baseDir: string,
): Promise<PublishReport> {
  const report: PublishReport = { certifications: [], components: [] };
  const ownCertifications = await answer(
    await client.request("GET", "/v1/certifications"),
    z.object({ items: z.array(ZCertification) }),
    "listing certifications",
  );
  const certificationIds = new Map<string, string>();
  for (const spec of document.certifications) {
    const existing = ownCertifications.items.find((c) => c.sourceKey === spec.key);
    const body = certificationBody(spec, await uploadEvidenceFiles(client, baseDir, spec, existing));
    if (!existing) {
      const created = await answer(
        await client.request("POST", "/v1/certifications", { body }),
        ZCertification,
        `creating certification ${spec.key}`,
      );
      certificationIds.set(spec.key, created.id);
      report.certifications.push({ key: spec.key, id: created.id, action: "created" });
      continue;
    }
    certificationIds.set(spec.key, existing.id);
    const desired = { ...body, scope: body.scope ?? "", status: body.status ?? "valid" };
    if (same(certificationState(existing), desired)) {
      report.certifications.push({ key: spec.key, id: existing.id, action: "unchanged" });
      continue;
    }
    await answer(
      await client.request("PUT", `/v1/certifications/${existing.id}`, {
        body,
        headers: { "if-match": `"${existing.version}"` },
      }),
      ZCertification,
      `updating certification ${spec.key}`,
    );
    report.certifications.push({ key: spec.key, id: existing.id, action: "updated" });
  }

  const ownComponents = await answer(
    await client.request("GET", "/v1/components"),
    z.object({ items: z.array(ZComponent) }),
    "listing components",
  );
  for (const spec of document.components) {
    const tenantIds =
      spec.visibility.kind === "restricted"
        ? await resolveTenantIds(client, spec.visibility.tenants, spec.key)
        : [];
    const body = componentBody(spec, certificationIds, tenantIds);
    const existing = ownComponents.items.find((c) => c.sourceKey === spec.key);
    let component: TComponent;
    let action: "created" | "updated" | "unchanged";
    if (!existing) {
      component = await answer(
        await client.request("POST", "/v1/components", { body }),
        ZComponent,
        `creating component ${spec.key}`,
      );
      action = "created";
    } else if (same(componentState(existing, spec.vendor !== undefined), body)) {
      component = existing;
      action = "unchanged";
    } else {
      component = await answer(
        await client.request("PATCH", `/v1/components/${existing.id}`, {
          body,
          headers: { "if-match": `"${existing.version}"` },
        }),
        ZComponent,
        `updating component ${spec.key}`,
      );
      action = "updated";
    }
    const res = await client.request("POST", `/v1/components/${component.id}/publish`, {
      headers: { "if-match": `"${component.version}"` },
    });
    const published = await answer(res, ZComponent, `publishing component ${spec.key}`);
    report.components.push({
      key: spec.key,
      id: published.id,
      action,
      revision: published.published?.revision ?? 0,
      revisionCreated: res.headers.get("revision-created") === "true",
    });
  }
  return report;
}

export function registerPublishCommand(program: Command) {
  program
    .command("publish")
    .description(
      "Publish components, versions, claims and certifications from a claims document (JSON or YAML; docs/publishing.md). Uses ASSURE_API_URL and ASSURE_API_KEY.",
    )
    .argument("<file>", "claims.json or claims.yaml")
    .option("--json", "print the report as JSON")
    .option("--dry-run", "validate the document only; send nothing")
    .action(async (file: string, options: { json?: boolean; dryRun?: boolean }) => {
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new CliError(
          `cannot read ${file}: ${code === "ENOENT" ? "no such file" : (error as Error).message}`,
        );
      }
      const document = parseClaimsDocument(text, file);
      if (options.dryRun) {
        process.stdout.write(
          `${file} is valid: ${document.components.length} component(s), ${document.certifications.length} certification(s)\n`,
        );
        return;
      }
      const report = await publishClaimsDocument(
        apiClientFromEnv(process.env),
        document,
        path.dirname(path.resolve(file)),
      );
      if (options.json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      for (const c of report.certifications) process.stdout.write(`certification ${c.key}: ${c.action}\n`);
      for (const c of report.components) {
        const revision = c.revisionCreated
          ? `published revision ${c.revision}`
          : `no new revision (current: ${c.revision})`;
        process.stdout.write(`component ${c.key}: ${c.action}, ${revision}\n`);
      }
    });
}
