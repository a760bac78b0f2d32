import Link from "next/link";
import { redirect } from "next/navigation";
import { requireContext } from "@/lib/session";
import { createComponentAction } from "../actions";
import { ComponentForm } from "../component-form";

export const metadata = { title: "New component" };

export default async function NewComponent() {
  const { membership } = await requireContext();
  if (!membership.tenantKinds.includes("supplier")) redirect("/catalog");
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/components">My components</Link> / <span>New</span>
      </nav>
      <h1>New component</h1>
      <div className="card">
        <ComponentForm
          submitLabel="Create draft"
          onSubmit={createComponentAction}
          initial={{
            name: "",
            vendor: "",
            productLine: "",
            componentType: "EDR",
            description: "",
            modelNumbers: "",
            purl: "",
            cpe: "",
            slC: [1, 1, 1, 1, 1, 1, 1],
            basis: "self_declared",
          }}
        />
      </div>
    </div>
  );
}
