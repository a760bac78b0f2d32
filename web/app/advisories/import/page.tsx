import { redirect } from "next/navigation";
import { requireContext } from "@/lib/session";
import { CsafUploader } from "./uploader";

export const metadata = { title: "Import CSAF advisories" };

export default async function ImportPage() {
  const context = await requireContext();
  const isSupplier = context.membership.tenantKinds.includes("supplier");
  if (!isSupplier && !context.session.platformOperator) redirect("/advisories");
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
      <CsafUploader />
    </div>
  );
}
