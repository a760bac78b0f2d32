import { ZAdvisoryDetail, ZAuthoredAdvisoryInput, ZComponent, ZPublisherRights } from "@assure/shared";
import { redirect } from "next/navigation";
import { z } from "zod";
import { api } from "@/lib/api";
import { requireContext } from "@/lib/session";
import { AuthoringForm, type AuthoringValues } from "./authoring-form";

export const metadata = { title: "Write an advisory" };

const ZDirectory = z.object({ items: z.array(z.object({ id: z.string(), slug: z.string() })) });

export default async function NewAdvisoryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const context = await requireContext();
  if (!context.membership.tenantKinds.includes("supplier")) redirect("/advisories");
  const { revise } = await searchParams;
  const [{ data: own }, { data: rights }] = await Promise.all([
    api(z.object({ items: z.array(ZComponent) }), "/v1/components", { context }),
    api(ZPublisherRights, "/v1/advisories/publishing", { context }),
  ]);
  const components = own.items
    .filter((c) => c.status === "published")
    .map((c) => ({ id: c.id, name: c.name, versions: (c.published?.versions ?? []).map((v) => v.version) }));
  let initial: AuthoringValues = {
    title: "",
    summary: "",
    tlp: "WHITE",
    restrictedSlugs: "",
    products: [{ componentId: "", affectedVersions: "", fixedVersion: "" }],
    vulnerabilities: [{ cve: "", title: "", description: "", cvssVector: "" }],
    remediations: [{ category: "vendor_fix", details: "", url: "" }],
    changeSummary: "",
  };
  let previous: { id: string; version: number; trackingId: string } | undefined;
  if (revise && /^[0-9a-f]{26}$/.test(revise)) {
    const { data } = await api(ZAdvisoryDetail, `/v1/advisories/${revise}`, { context });
    const authored = ZAuthoredAdvisoryInput.safeParse(data.authored);
    if (authored.success) {
      const a = authored.data;
      previous = { id: data.id, version: data.version, trackingId: data.trackingId };
      const readers = a.restrictedTo.length
        ? (await api(ZDirectory, `/v1/tenant-directory/by-id?ids=${a.restrictedTo.join(",")}`, { context }))
            .data.items
        : [];
      initial = {
        title: a.title,
        summary: a.summary,
        tlp: a.tlp,
        restrictedSlugs: readers.map((r) => r.slug).join(", "),
        products: a.products.map((p) => ({ ...p, fixedVersion: p.fixedVersion ?? "" })),
        vulnerabilities: a.vulnerabilities.map((v) => ({
          cve: v.cve ?? "",
          title: v.title,
          description: v.description,
          cvssVector: v.cvssVector ?? "",
        })),
        remediations: a.remediations.map((r) => ({ ...r, url: r.url ?? "" })),
        changeSummary: "",
      };
    }
  }
  return (
    <div className="space-y-6">
      <div>
        <h1>{previous ? `New revision of ${previous.trackingId}` : "Write an advisory"}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          About {context.membership.tenantName}'s own components. The portal publishes it as a CSAF 2.0
          security advisory (validated like any import), matches it to the components you name, tells every
          customer running an affected version, and serves TLP:WHITE advisories at{" "}
          <code>/.well-known/csaf/</code>.
        </p>
        <p className="mt-1 max-w-3xl text-xs text-slate-500">
          It is published under your portal namespace <code>{rights.namespaces[0]}</code> with a tracking id
          of your own (<code>{context.membership.tenantSlug.toUpperCase()}-SA-&lt;year&gt;-&lt;n&gt;</code>);
          the portal never lets anyone else publish under that namespace.
        </p>
      </div>
      {components.length === 0 ? (
        <div className="card text-sm text-slate-600">
          Publish a component first: advisories name published components.
        </div>
      ) : (
        <AuthoringForm components={components} initial={initial} previous={previous} />
      )}
    </div>
  );
}
