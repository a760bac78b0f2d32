import { diffJson, ZRevisionSummary, ZRevisionView } from "@assure/shared";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { api, isNotFound } from "@/lib/api";

export const metadata = { title: "Revisions" };

/** `claims[0].slC[2]` → `Claim 1 › SL-C FR3`, so a person can read the diff. */
function humanPath(path: string): string {
  return path
    .replace(/^claims\[(\d+)\]/, (_m, i) => `Claim ${Number(i) + 1}`)
    .replace(/^versions\[(\d+)\]/, (_m, i) => `Version entry ${Number(i) + 1}`)
    .replace(/\.slC\[(\d+)\]/, (_m, i) => ` › SL-C FR${Number(i) + 1}`)
    .replace(/\.securityContext\[(\d+)\]/, (_m, i) => ` › security context ${Number(i) + 1}`)
    .replace(/\.requirements\.(.+)$/, " › requirement $1")
    .replaceAll(".", " › ");
}

const show = (value: unknown) =>
  value === undefined ? "—" : typeof value === "string" ? value : JSON.stringify(value);

export default async function Revisions({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ from?: string; to?: string }>;
}) {
  const { id } = await params;
  const query = await searchParams;
  if (!/^[0-9a-z]{26}$/.test(id)) notFound();
  let revisions: z.infer<typeof ZRevisionSummary>[];
  try {
    revisions = (await api(z.object({ items: z.array(ZRevisionSummary) }), `/v1/components/${id}/revisions`))
      .data.items;
  } catch (error) {
    if (isNotFound(error)) notFound();
    throw error;
  }
  const latest = revisions[0]?.revision ?? 0;
  const to = Number(query.to) || latest;
  const from = Number(query.from) || Math.max(1, to - 1);
  const [left, right] =
    latest > 0
      ? await Promise.all(
          [from, to].map(async (n) => (await api(ZRevisionView, `/v1/components/${id}/revisions/${n}`)).data),
        )
      : [undefined, undefined];
  const changes =
    left && right && from !== to ? diffJson(left.payload.component, right.payload.component) : [];
  const name = right?.payload.component.name ?? "Component";
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/catalog">Catalog</Link> / <Link href={`/catalog/${id}`}>{name}</Link> /{" "}
        <span>Revisions</span>
      </nav>
      <h1>History of {name}</h1>
      {revisions.length === 0 ? (
        <div className="card text-sm text-slate-600">
          Nothing published yet: publish the draft to create revision 1.
        </div>
      ) : (
        <>
          <section className="card p-0" aria-label="Revisions">
            <table className="table" data-testid="revisions-table">
              <thead>
                <tr>
                  <th>Revision</th>
                  <th>Status</th>
                  <th>Published</th>
                  <th>Digest</th>
                  <th>Signed claim</th>
                </tr>
              </thead>
              <tbody>
                {revisions.map((r) => (
                  <tr key={r.revision}>
                    <td>{r.revision}</td>
                    <td>{r.status}</td>
                    <td>{new Date(r.publishedAt).toLocaleString("en-GB")}</td>
                    <td className="font-mono text-xs">{r.digest.slice(0, 23)}…</td>
                    <td>
                      <a href={`/catalog/${id}/revisions/${r.revision}/signed`} download>
                        Download (JWS)
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="card space-y-4" aria-labelledby="diff-heading">
            <h2 id="diff-heading">Changes</h2>
            <form className="flex flex-wrap items-end gap-3">
              <label className="text-sm">
                From revision
                <select name="from" defaultValue={String(from)} className="input mt-1 w-28">
                  {revisions.map((r) => (
                    <option key={r.revision} value={r.revision}>
                      {r.revision}
                    </option>
                  ))}
                </select>
              </label>
              <label className="text-sm">
                To revision
                <select name="to" defaultValue={String(to)} className="input mt-1 w-28">
                  {revisions.map((r) => (
                    <option key={r.revision} value={r.revision}>
                      {r.revision}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" className="btn-secondary">
                Compare
              </button>
            </form>
            {from === to ? (
              <p className="text-sm text-slate-600">Only one revision so far: nothing to compare yet.</p>
            ) : changes.length === 0 ? (
              <p className="text-sm text-slate-600">
                No difference in content between revision {from} and {to}.
              </p>
            ) : (
              <table className="table" data-testid="diff-table">
                <thead>
                  <tr>
                    <th>What</th>
                    <th>Revision {from}</th>
                    <th>Revision {to}</th>
                  </tr>
                </thead>
                <tbody>
                  {changes.map((change) => (
                    <tr key={change.path}>
                      <td>{humanPath(change.path)}</td>
                      <td className="text-red-800">{change.kind === "added" ? "—" : show(change.before)}</td>
                      <td className="text-emerald-800">
                        {change.kind === "removed" ? "—" : show(change.after)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </div>
  );
}
