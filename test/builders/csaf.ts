import { buildSupplierCsaf, ZAuthoredAdvisoryInput } from "@assure/shared";

export interface CsafSpec {
  trackingId?: string;
  /** Year of the initial release (and so of the provider path); 2026 unless given. */
  year?: number;
  /** Revision number (integer versioning); earlier revisions are put in the history. */
  revision?: number;
  vendor?: string;
  product?: string;
  affected?: string;
  fixed?: string;
  tlp?: "WHITE" | "GREEN" | "AMBER" | "RED";
  publisher?: string;
  namespace?: string;
  cve?: string;
  cvss?: string;
  title?: string;
  modelNumbers?: string[];
  /** Adds a CWE whose name does not match its id: fails only the cosmetic test 6.1.11. */
  wrongCweName?: boolean;
}

/** A valid CSAF 2.0 security advisory about one product (built with the portal's own builder). */
export function buildCsaf(spec: CsafSpec = {}): Record<string, unknown> {
  const revision = spec.revision ?? 1;
  const history = Array.from({ length: revision - 1 }, (_, i) => ({
    number: String(i + 1),
    date: new Date(Date.UTC(spec.year ?? 2026, 0, 1 + i)).toISOString(),
    summary: i === 0 ? "Initial release" : "Update",
  }));
  const componentId = "01jxxxxxxxxxxxxxxxxxxxxxxx";
  const { document } = buildSupplierCsaf({
    advisory: ZAuthoredAdvisoryInput.parse({
      title: spec.title ?? `${spec.product ?? "AC-PLC 300"} web server vulnerability`,
      summary: "A crafted HTTP request crashes the web server of the controller.",
      tlp: spec.tlp ?? "WHITE",
      products: [
        { componentId, affectedVersions: spec.affected ?? "<2.4.1", fixedVersion: spec.fixed ?? "2.4.1" },
      ],
      vulnerabilities: [
        {
          cve: spec.cve ?? "CVE-2026-20001",
          title: "Denial of service",
          description: "A crafted HTTP request crashes the web server.",
          cvssVector: spec.cvss ?? "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
        },
      ],
      remediations: [{ category: "vendor_fix", details: `Update to ${spec.fixed ?? "2.4.1"} or later.` }],
    }),
    components: [
      {
        id: componentId,
        vendor: spec.vendor ?? "Acme Controls",
        name: spec.product ?? "AC-PLC 300",
        identifiers: { modelNumbers: spec.modelNumbers ?? [] },
      },
    ],
    publisher: {
      name: spec.publisher ?? "Acme Controls PSIRT",
      namespace: spec.namespace ?? "https://acme-controls.example",
    },
    trackingId: spec.trackingId ?? "ACME-SA-2026-001",
    history,
    initialReleaseDate: history[0]?.date,
    now: new Date(Date.UTC(spec.year ?? 2026, 1, revision)).toISOString(),
  });
  if (spec.wrongCweName) {
    const vulnerabilities = document.vulnerabilities as Record<string, unknown>[];
    vulnerabilities[0] = {
      ...vulnerabilities[0],
      cwe: { id: "CWE-400", name: "Resource exhaustion (old name)" },
    };
  }
  return document;
}
