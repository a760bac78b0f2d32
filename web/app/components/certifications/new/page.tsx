import Link from "next/link";
import { redirect } from "next/navigation";
import { requireContext } from "@/lib/session";
import { saveCertificationAction } from "../../actions";
import { CertificationForm } from "../certification-form";

export const metadata = { title: "New certification" };

export default async function NewCertification() {
  const { membership } = await requireContext();
  if (!membership.tenantKinds.includes("supplier")) redirect("/catalog");
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/components">My components</Link> /{" "}
        <Link href="/components/certifications">Certifications</Link> / <span>New</span>
      </nav>
      <h1>New certification</h1>
      <div className="card">
        <CertificationForm
          submitLabel="Save certification"
          onSubmit={saveCertificationAction.bind(null, null)}
          initial={{
            scheme: "",
            body: "",
            certificateNo: "",
            standardPart: "4-2",
            slC: [1, 1, 1, 1, 1, 1, 1],
            ml: 0,
            issued: "",
            expires: "",
            status: "valid",
            scope: "",
            evidence: [],
          }}
        />
      </div>
    </div>
  );
}
