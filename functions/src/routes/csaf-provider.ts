import { createHash } from "node:crypto";
import type { Context } from "hono";
import { Hono } from "hono";
import type { AppEnv } from "../http/env";
import { AppError, notFound } from "../http/errors";
import { getProviderEntry, listProviderEntries, type TProviderEntry } from "../repos/advisories";

/**
 * The portal as a CSAF provider (CSAF 2.0 §7.1, role `csaf_provider`): public, unauthenticated, TLP:CLEAR/WHITE
 * documents of suppliers only — provider-metadata.json, a directory per TLP and year with index.txt and
 * changes.csv, a ROLIE feed, and `.sha256`/`.sha512` files beside every document. Restricted documents are never
 * listed here; authorised tenants read them through GET /v1/advisories/{id}/document.
 */

const TLP_DIR = "white";
const FEED = "feed-tlp-white.json";

/** The public base URL: CSAF_PROVIDER_BASE_URL, else what the portal's proxy forwarded, else this request. */
export function providerBaseUrl(c: Context): string {
  const configured = process.env.CSAF_PROVIDER_BASE_URL;
  if (configured) return configured.replace(/\/+$/, "");
  const host = c.req.header("x-forwarded-host");
  const proto = c.req.header("x-forwarded-proto") ?? "https";
  if (host && /^[a-z0-9.-]+(:\d+)?$/i.test(host)) return `${proto === "http" ? "http" : "https"}://${host}`;
  return new URL(c.req.url).origin;
}

const newestFirst = (entries: TProviderEntry[]) =>
  [...entries].sort((a, b) => b.currentReleaseDate.localeCompare(a.currentReleaseDate));

function documentUrl(base: string, entry: TProviderEntry) {
  return `${base}/.well-known/csaf/${TLP_DIR}/${entry.sk}`;
}

export function providerMetadata(base: string, lastUpdated: string) {
  return {
    canonical_url: `${base}/.well-known/csaf/provider-metadata.json`,
    distributions: [
      {
        directory_url: `${base}/.well-known/csaf/${TLP_DIR}/`,
        rolie: {
          feeds: [
            {
              summary: "Security advisories of the portal's suppliers (TLP:WHITE)",
              tlp_label: "WHITE",
              url: `${base}/.well-known/csaf/${FEED}`,
            },
          ],
        },
      },
    ],
    last_updated: lastUpdated,
    list_on_CSAF_aggregators: true,
    metadata_version: "2.0",
    mirror_on_CSAF_aggregators: true,
    publisher: {
      category: "coordinator",
      name: "Assure IEC 62443 supply-chain assurance portal",
      namespace: base,
      contact_details: "Each document names its supplier as publisher.",
    },
    role: "csaf_provider",
  };
}

const text = (body: string, contentType: string) =>
  new Response(body, {
    status: 200,
    headers: { "content-type": contentType, "cache-control": "public, max-age=300" },
  });

export const csafProviderRoutes = new Hono<AppEnv>()
  .get("/provider-metadata.json", async (c) => {
    const entries = newestFirst(await listProviderEntries(c.var.deps.db));
    const lastUpdated = entries[0]?.currentReleaseDate ?? new Date(0).toISOString();
    return c.json(providerMetadata(providerBaseUrl(c), lastUpdated), 200, {
      "cache-control": "public, max-age=300",
    });
  })
  .get(`/${FEED}`, async (c) => {
    const base = providerBaseUrl(c);
    const entries = newestFirst(await listProviderEntries(c.var.deps.db));
    return c.json(
      {
        feed: {
          id: "assure-csaf-feed-tlp-white",
          title: "Assure supplier advisories (TLP:WHITE)",
          link: [{ rel: "self", href: `${base}/.well-known/csaf/${FEED}` }],
          category: [{ scheme: "urn:ietf:params:rolie:category:information-type", term: "csaf" }],
          updated: entries[0]?.currentReleaseDate ?? new Date(0).toISOString(),
          entry: entries.map((entry) => {
            const url = documentUrl(base, entry);
            return {
              id: entry.trackingId,
              title: entry.title,
              link: [
                { rel: "self", href: url },
                { rel: "hash", href: `${url}.sha256` },
                { rel: "hash", href: `${url}.sha512` },
              ],
              published: entry.initialReleaseDate,
              updated: entry.currentReleaseDate,
              content: { type: "application/json", src: url },
              format: {
                schema: "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json",
                version: "2.0",
              },
            };
          }),
        },
      },
      200,
      { "cache-control": "public, max-age=300" },
    );
  })
  .get(`/${TLP_DIR}/index.txt`, async (c) => {
    const entries = await listProviderEntries(c.var.deps.db);
    const lines = entries.map((e) => e.sk).sort();
    return text(lines.length ? `${lines.join("\n")}\n` : "", "text/plain; charset=utf-8");
  })
  .get(`/${TLP_DIR}/changes.csv`, async (c) => {
    const entries = newestFirst(await listProviderEntries(c.var.deps.db));
    return text(
      entries.map((e) => `"${e.sk}","${e.currentReleaseDate}"\n`).join(""),
      "text/csv; charset=utf-8",
    );
  })
  .get(`/${TLP_DIR}/:year{[0-9]{4}}/:file{[+a-z0-9_-]+\\.json(\\.sha256|\\.sha512)?}`, async (c) => {
    const file = c.req.param("file");
    const hash = /\.(sha256|sha512)$/.exec(file)?.[1] as "sha256" | "sha512" | undefined;
    const name = hash ? file.slice(0, -(hash.length + 1)) : file;
    const entry = await getProviderEntry(c.var.deps.db, `${c.req.param("year")}/${name}`);
    if (!entry) throw notFound("The document");
    const store = c.var.deps.evidence;
    if (!store) throw new AppError("internal", "No document store is configured.");
    if (hash) return text(`${entry.document[hash]}  ${name}\n`, "text/plain; charset=utf-8");
    const object = await store.get({
      tenantId: entry.ownerTenantId,
      evidenceId: entry.document.key.split("/")[1] ?? "",
    });
    if (!object) throw notFound("The document");
    const bytes = new Uint8Array(await new Response(object.body).arrayBuffer());
    // The provider promises these digests: never serve bytes that do not match them.
    if (createHash("sha256").update(bytes).digest("hex") !== entry.document.sha256) {
      throw new AppError("internal", "The stored document does not match its digest.");
    }
    return new Response(bytes, {
      status: 200,
      headers: { "content-type": "application/json", "cache-control": "public, max-age=300" },
    });
  });
