import { ZCertification } from "@assure/shared";
import Link from "next/link";
import { notFound } from "next/navigation";
import { api, isNotFound } from "@/lib/api";
import { CertificationStateBadge } from "../../../catalog/[id]/certification-state";
import { saveCertificationAction } from "../../actions";
import { today } from "../../data";
import { CertificationForm } from "../certification-form";

export const metadata = { title: "Certification" };

export default async function EditCertification({
  params,
  searchParams,
}: {
  params: Promise<{ certificationId: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const { certificationId } = await params;
  const { created } = await searchParams;
  if (!/^[0-9a-z]{26}$/.test(certificationId)) notFound();
  let certification: ReturnType<typeof ZCertification.parse>;
  try {
    certification = (await api(ZCertification, `/v1/certifications/${certificationId}`)).data;
  } catch (error) {
    if (isNotFound(error)) notFound();
    throw error;
  }
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/components">My components</Link> /{" "}
        <Link href="/components/certifications">Certifications</Link> /{" "}
        <span>{certification.certificateNo}</span>
      </nav>
      {created ? (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800">
          Certification saved. Name it in a certified claim of a component to show it to customers.
        </p>
      ) : null}
      <div className="flex items-center gap-3">
        <h1>
          {certification.scheme} · {certification.certificateNo}
        </h1>
        <CertificationStateBadge certification={certification} today={today()} />
      </div>
      <div className="card">
        <CertificationForm
          submitLabel="Save changes"
          onSubmit={saveCertificationAction.bind(null, {
            id: certification.id,
            version: certification.version,
          })}
          initial={{
            scheme: certification.scheme,
            body: certification.body,
            certificateNo: certification.certificateNo,
            standardPart: certification.standardPart,
            slC: certification.slC ?? [1, 1, 1, 1, 1, 1, 1],
            ml: certification.ml ?? 0,
            issued: certification.issued,
            expires: certification.expires ?? "",
            status: certification.status,
            scope: certification.scope,
            evidence: certification.evidence.map((e) => ({
              evidenceId: e.evidenceId,
              fileName: e.fileName,
              size: e.size,
              sha256: e.sha256,
            })),
          }}
        />
      </div>
    </div>
  );
}
