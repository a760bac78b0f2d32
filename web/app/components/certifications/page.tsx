import { STANDARD_PART_LABELS } from "@assure/shared";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SlVector } from "@/components/sl";
import { requireContext } from "@/lib/session";
import { CertificationStateBadge } from "../../catalog/[id]/certification-state";
import { loadCertifications, today } from "../data";

export const metadata = { title: "Certifications" };

export default async function Certifications() {
  const context = await requireContext();
  if (!context.membership.tenantKinds.includes("supplier")) redirect("/catalog");
  const items = await loadCertifications(context);
  const date = today();
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/components">My components</Link> / <span>Certifications</span>
      </nav>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1>Certifications</h1>
          <p className="mt-1 text-sm text-slate-600">
            Certificates your claims rest on. Customers see them, with their evidence, through the published
            claims that name them.
          </p>
        </div>
        <Link href="/components/certifications/new" className="btn-primary">
          New certification
        </Link>
      </div>
      {items.length === 0 ? (
        <div className="card text-center text-sm text-slate-600">
          No certifications yet. Record one (ISASecure, IECEE CB, TÜV, exida, …) with its certificate as
          evidence, then name it in a certified claim.
        </div>
      ) : (
        <div className="card relative overflow-x-auto p-0">
          <table className="table" data-testid="certifications-table">
            <thead>
              <tr>
                <th>Certificate</th>
                <th>Standard</th>
                <th>Certified</th>
                <th>Valid</th>
                <th>State</th>
                <th>Evidence</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link href={`/components/certifications/${c.id}`} className="font-medium">
                      {c.scheme} · {c.certificateNo}
                    </Link>
                    <div className="text-xs text-slate-500">{c.body}</div>
                  </td>
                  <td className="text-xs">{STANDARD_PART_LABELS[c.standardPart]}</td>
                  <td>
                    {c.slC ? (
                      <SlVector levels={c.slC} label={`Certified SL-C of ${c.certificateNo}`} />
                    ) : c.ml ? (
                      `ML${c.ml}`
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className="text-xs">
                    {c.issued} – {c.expires ?? "no expiry"}
                  </td>
                  <td>
                    <CertificationStateBadge certification={c} today={date} />
                  </td>
                  <td>
                    {c.evidence.length === 0 ? (
                      <span className="text-amber-700">none</span>
                    ) : (
                      c.evidence.length
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
