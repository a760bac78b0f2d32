import { ZPublisherRights } from "@assure/shared";
import { redirect } from "next/navigation";
import { api } from "@/lib/api";
import { requireContext } from "@/lib/session";
import { CsafUploader } from "./uploader";

export const metadata = { title: "Import CSAF advisories" };

export default async function ImportPage() {
  const context = await requireContext();
  const isSupplier = context.membership.tenantKinds.includes("supplier");
  if (!isSupplier && !context.session.platformOperator) redirect("/advisories");
  const rights =
    isSupplier && !context.session.platformOperator
      ? (await api(ZPublisherRights, "/v1/advisories/publishing", { context })).data
      : undefined;
  return (
    <div className="space-y-6">
      <div>
        <h1>Import CSAF advisories</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          {context.session.platformOperator
            ? "As the platform operator you import any publisher's advisories; they are matched to the catalog and hit every tenant that runs an affected version."
            : `Advisories about ${context.membership.tenantName}'s own products. Each file is checked against the CSAF 2.0 schema and mandatory tests; an invalid one is rejected whole, with each failed test.`}{" "}
          For bulk loads and provider feeds use <code>npm run -s assure -- csaf import</code>.
        </p>
      </div>
      {rights ? (
        <section className="card max-w-3xl text-sm" aria-labelledby="publishing-rules">
          <h2 id="publishing-rules" className="text-base">
            What you may import
          </h2>
          <p className="mt-1 text-slate-600">
            Only advisories you publish yourself: the document's <code>document/publisher/namespace</code>{" "}
            must be one of your namespaces, and its product tree may name only your vendor names. Advisories
            of other publishers (e.g. CISA) are imported by the platform operator, so nobody can publish in
            their name.
          </p>
          <dl className="mt-3 space-y-2">
            <div>
              <dt className="font-medium">Your publisher namespaces</dt>
              <dd>
                <ul className="list-inside list-disc">
                  {rights.namespaces.map((namespace, i) => (
                    <li key={namespace}>
                      <code>{namespace}</code>
                      {i === 0 ? " (assigned by the portal)" : " (verified by the platform operator)"}
                    </li>
                  ))}
                </ul>
                <p className="mt-1 text-xs text-slate-500">
                  To import documents published under your own domain (e.g. your PSIRT's CSAF provider), ask
                  the platform operator to verify that namespace for your organisation.
                </p>
              </dd>
            </div>
            <div>
              <dt className="font-medium">Your vendor names</dt>
              <dd>
                {rights.vendorNames.join(", ")}
                <p className="mt-1 text-xs text-slate-500">
                  Your organisation's name and the vendors of your published components (drafts do not count).
                </p>
              </dd>
            </div>
          </dl>
          <p className="mt-3 text-xs text-slate-500">
            TLP:WHITE advisories are served by the portal's CSAF provider at{" "}
            <code>/.well-known/csaf/white/&lt;year&gt;/&lt;tracking id&gt;.json</code>; a tracking id another
            supplier already publishes there is refused, so give yours your own prefix.
          </p>
        </section>
      ) : null}
      <CsafUploader />
    </div>
  );
}
