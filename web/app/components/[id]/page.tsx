import {
  draftDetails,
  PUBLISHED_DETAILS,
  type TComponent,
  ZComponent,
  ZRevisionSummary,
} from "@assure/shared";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ZodError, z } from "zod";
import { BasisBadge, SlVector, StatusBadge } from "@/components/sl";
import { UnsavedChangesProvider } from "@/components/unsaved-changes";
import { api, isNotFound } from "@/lib/api";
import { requireContext } from "@/lib/session";
import {
  lookupTenantAction,
  publishComponentAction,
  updateComponentAction,
  withdrawComponentAction,
} from "../actions";
import { ComponentForm } from "../component-form";
import { certificationOptions } from "../data";
import { valuesOf } from "../editor-values";
import { DraftState, PublishButton, WithdrawButton } from "./publish-button";

export const metadata = { title: "Edit component" };

const ZMembers = z.object({ items: z.array(z.object({ userId: z.string(), userName: z.string() })) });
const ZDirectory = z.object({
  items: z.array(z.object({ id: z.string(), slug: z.string(), name: z.string() })),
});

const FIELD_LABELS: Record<(typeof PUBLISHED_DETAILS)[number], string> = {
  name: "name",
  vendor: "vendor",
  productLine: "product line",
  componentType: "component type",
  description: "description",
  identifiers: "identifiers",
  lifecycle: "lifecycle dates",
  visibility: "visibility (the customers you added)",
};

/** Whether the draft differs from what was last published (so there is something to publish). */
function hasUnpublishedChanges(component: TComponent): boolean {
  if (!component.published || component.status !== "published") return true;
  const { published } = component;
  return (
    component.pending !== undefined ||
    JSON.stringify(published.claims) !== JSON.stringify(component.draft.claims) ||
    JSON.stringify(published.versions) !== JSON.stringify(component.draft.versions) ||
    published.publishedAt < component.updatedAt
  );
}

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
  const context = await requireContext();
  let component: TComponent;
  try {
    component = (await api(ZComponent, `/v1/components/${id}`, { context })).data;
  } catch (error) {
    // Another tenant's component parses as a catalog entry, not as ZComponent: also not found here.
    if (isNotFound(error) || error instanceof ZodError) notFound();
    throw error;
  }
  // The editor shows the draft (pending edits applied); the badge shows who sees the component now.
  const draft = draftDetails(component);
  const tenantIds = [
    ...new Set(
      [component.visibility, draft.visibility].flatMap((v) => (v.kind === "restricted" ? v.tenantIds : [])),
    ),
  ];
  const [certifications, customers, revisions, members] = await Promise.all([
    certificationOptions(context),
    tenantIds.length > 0
      ? api(ZDirectory, `/v1/tenant-directory/by-id?ids=${tenantIds.join(",")}`, { context }).then(
          (r) => r.data.items,
        )
      : Promise.resolve([]),
    api(z.object({ items: z.array(ZRevisionSummary) }), `/v1/components/${id}/revisions`, { context }).then(
      (r) => r.data.items,
    ),
    api(ZMembers, "/v1/tenants/current/members", { context }).then((r) => r.data.items),
  ]);
  // Audit actors are `user:<id>` or `api_key:<id>`: show people by name, keys as what they are.
  const names = new Map(members.map((m) => [`user:${m.userId}`, m.userName]));
  const actorName = (actor: string) =>
    names.get(actor) ?? (actor.startsWith("api_key:") ? "an API key (CI)" : actor);
  const update = updateComponentAction.bind(null, component.id, component.version);
  const publish = publishComponentAction.bind(null, component.id, component.version);
  const withdraw = withdrawComponentAction.bind(null, component.id, component.version);
  const unpublished = hasUnpublishedChanges(component);
  const liveIds = component.visibility.kind === "restricted" ? component.visibility.tenantIds : [];
  const liveCustomers = customers.filter((c) => liveIds.includes(c.id));
  const draftIds = draft.visibility.kind === "restricted" ? draft.visibility.tenantIds : [];
  const pendingFields = PUBLISHED_DETAILS.filter((field) => component.pending?.[field] !== undefined);
  const withdrawn = component.status === "withdrawn";
  return (
    <UnsavedChangesProvider>
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
              <DraftState unpublished={unpublished} published={Boolean(component.published)} />
              {component.visibility.kind === "restricted" ? (
                <span className="badge bg-violet-100 text-violet-900">
                  {liveCustomers.length > 0
                    ? `restricted to ${liveCustomers.map((c) => c.name).join(", ")}`
                    : "restricted: no customer until you publish"}
                </span>
              ) : null}
            </div>
          </div>
          <div className="flex flex-wrap items-start gap-2">
            {component.published ? (
              <Link href={`/catalog/${component.id}`} className="btn-secondary">
                View as customers see it
              </Link>
            ) : null}
            {component.status === "published" ? <WithdrawButton withdraw={withdraw} /> : null}
            {withdrawn ? null : <PublishButton publish={publish} disabled={!unpublished} />}
          </div>
        </div>
        {withdrawn ? (
          <p role="status" className="rounded-md bg-slate-100 p-3 text-sm text-slate-700">
            Withdrawn{" "}
            {component.withdrawnAt ? new Date(component.withdrawnAt).toLocaleDateString("en-GB") : ""}: out of
            the catalog, its claims no longer count in evaluations. The revisions remain for the record.
          </p>
        ) : null}
        {component.published ? (
          <section className="card flex flex-wrap items-center gap-4" aria-label="Published claim">
            <span className="text-sm text-slate-600">
              Published revision {component.published.revision} (
              {new Date(component.published.publishedAt).toLocaleString("en-GB")})
            </span>
            <SlVector levels={component.published.slC} label="Published SL-C" />
            <BasisBadge basis={component.published.basis} />
            {unpublished && !withdrawn ? (
              <span className="text-sm text-amber-700">
                The draft below differs: publish to release it as a new revision.
                {pendingFields.length > 0
                  ? ` Customers still see the published ${pendingFields.map((f) => FIELD_LABELS[f]).join(", ")}.`
                  : ""}
              </span>
            ) : null}
          </section>
        ) : null}
        {revisions.length > 0 ? (
          <section className="card" aria-labelledby="history-heading">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <h2 id="history-heading">History</h2>
              <Link href={`/catalog/${component.id}/revisions`}>Compare revisions</Link>
            </div>
            <ul className="mt-2 space-y-1 text-sm">
              {revisions.map((r) => (
                <li key={r.revision}>
                  Revision {r.revision} — {r.status}, {new Date(r.publishedAt).toLocaleString("en-GB")} by{" "}
                  {actorName(r.publishedBy)}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {withdrawn ? null : (
          <div className="card">
            <h2 className="mb-4">Draft</h2>
            <ComponentForm
              submitLabel="Save draft"
              onSubmit={update}
              lookupTenant={lookupTenantAction}
              certifications={certifications}
              published={Boolean(component.published)}
              initial={valuesOf(
                draft,
                customers.filter((c) => draftIds.includes(c.id)),
              )}
            />
          </div>
        )}
      </div>
    </UnsavedChangesProvider>
  );
}
