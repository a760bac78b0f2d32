import { ZComponent } from "@assure/shared";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ZodError } from "zod";
import { BasisBadge, SlVector, StatusBadge } from "@/components/sl";
import { api, isNotFound } from "@/lib/api";
import { publishComponentAction, updateComponentAction } from "../actions";
import { ComponentForm } from "../component-form";
import { PublishButton } from "./publish-button";

export const metadata = { title: "Edit component" };

export default async function EditComponent({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const { id } = await params;
  const { created } = await searchParams;
  if (!/^[0-9a-z]{26}$/.test(id)) notFound();
  let component: ReturnType<typeof ZComponent.parse>;
  try {
    const answer = await api(ZComponent, `/v1/components/${id}`);
    component = answer.data;
  } catch (error) {
    // Another tenant's component parses as a catalog entry, not as ZComponent: also not found here.
    if (isNotFound(error) || error instanceof ZodError) notFound();
    throw error;
  }
  const update = updateComponentAction.bind(null, component.id, component.version);
  const publish = publishComponentAction.bind(null, component.id, component.version);
  const unpublished =
    !component.published ||
    JSON.stringify(component.published.claims) !== JSON.stringify(component.draft.claims) ||
    JSON.stringify(component.published.versions) !== JSON.stringify(component.draft.versions);
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/components">My components</Link> / <span>{component.name}</span>
      </nav>
      {created ? (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800">
          Draft created. Publish it when the claim is ready; until then no other tenant can see it.
        </p>
      ) : null}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1>{component.name}</h1>
          <div className="mt-2 flex items-center gap-2">
            <StatusBadge status={component.status} />
            <span className="text-sm text-slate-500">version {component.version}</span>
          </div>
        </div>
        <div className="flex gap-2">
          {component.published ? (
            <Link href={`/catalog/${component.id}`} className="btn-secondary">
              View in catalog
            </Link>
          ) : null}
          <PublishButton publish={publish} disabled={!unpublished} />
        </div>
      </div>
      {component.published ? (
        <section className="card flex flex-wrap items-center gap-4" aria-label="Published claim">
          <span className="text-sm text-slate-600">
            Published revision {component.published.revision} (
            {new Date(component.published.publishedAt).toLocaleString("en-GB")})
          </span>
          <SlVector levels={component.published.slC} label="Published SL-C" />
          <BasisBadge basis={component.published.basis} />
          {unpublished ? (
            <span className="text-sm text-amber-700">The draft below differs: publish to release it.</span>
          ) : null}
        </section>
      ) : null}
      <div className="card">
        <ComponentForm
          submitLabel="Save draft"
          onSubmit={update}
          initial={{
            name: component.name,
            vendor: component.vendor,
            productLine: component.productLine,
            componentType: component.componentType,
            description: component.description,
            modelNumbers: component.identifiers.modelNumbers.join(", "),
            purl: component.identifiers.purl ?? "",
            cpe: component.identifiers.cpe ?? "",
            slC: component.draft.claims[0]?.slC ?? [0, 0, 0, 0, 0, 0, 0],
            basis: component.draft.claims[0]?.basis ?? "self_declared",
          }}
        />
      </div>
    </div>
  );
}
