import Link from "next/link";
import { redirect } from "next/navigation";
import { UnsavedChangesProvider } from "@/components/unsaved-changes";
import { requireContext } from "@/lib/session";
import { createComponentAction, lookupTenantAction } from "../actions";
import { ComponentForm } from "../component-form";
import { certificationOptions } from "../data";
import { emptyEditorValues } from "../editor-values";

export const metadata = { title: "New component" };

export default async function NewComponent() {
  const context = await requireContext();
  if (!context.membership.tenantKinds.includes("supplier")) redirect("/catalog");
  const certifications = await certificationOptions(context);
  return (
    <UnsavedChangesProvider>
      <div className="space-y-6">
        <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
          <Link href="/components">My components</Link> / <span>New</span>
        </nav>
        <h1>New component</h1>
        <div className="card">
          <ComponentForm
            submitLabel="Create draft"
            onSubmit={createComponentAction}
            lookupTenant={lookupTenantAction}
            certifications={certifications}
            initial={emptyEditorValues()}
          />
        </div>
      </div>
    </UnsavedChangesProvider>
  );
}
