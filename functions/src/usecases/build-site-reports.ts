import {
  documentNames,
  FOUNDATIONAL_REQUIREMENTS,
  isOverdue,
  nameIds,
  OBLIGATION_SOURCE_LABELS,
  OBLIGATION_STATUS_LABELS,
  PARTY_LABELS,
  type TEvaluationResult,
  type TSiteDocument,
  type TSiteObligation,
} from "@assure/shared";

type Row = (string | number)[];

/** One row per asset and FR: the matrix auditors check, with the engine's reasons. */
export function matrixRows(document: TSiteDocument, result: TEvaluationResult): Row[] {
  const names = new Map(document.components.map((c) => [c.id, c.name ?? c.id]));
  // Reasons name assets, countermeasures and components by id: the export names them as people do.
  const everyName = documentNames(document);
  const groups = new Map<string, { name: string }>(
    [...document.zones, ...document.conduits].map((g) => [g.id, g]),
  );
  const assets = new Map<string, { name: string; count: number }>(
    [...document.zones, ...document.conduits].flatMap((g) => g.assets.map((a) => [a.id, a] as const)),
  );
  const rows: Row[] = [
    [
      "Kind",
      "Zone / conduit",
      "Asset",
      "Count",
      "Component",
      "FR",
      "SL-T",
      "SL-C",
      "Effective",
      "Verdict",
      "At risk",
      "Reasons",
    ],
  ];
  for (const [kind, list] of [
    ["zone", result.zones],
    ["conduit", result.conduits],
  ] as const) {
    for (const group of list) {
      const source = groups.get(group.id);
      for (const asset of group.assets) {
        const docAsset = assets.get(asset.id);
        for (const fr of asset.perFr) {
          const label = FOUNDATIONAL_REQUIREMENTS[fr.fr - 1];
          rows.push([
            kind,
            source?.name ?? group.id,
            docAsset?.name ?? asset.id,
            docAsset?.count ?? 1,
            names.get(asset.componentId) ?? asset.componentId,
            `FR${fr.fr} ${label?.code ?? ""}`,
            fr.slT,
            fr.slC,
            fr.effective,
            fr.verdict,
            asset.atRisk ? "yes" : "no",
            fr.reasons.map((r) => nameIds(r.message, everyName)).join(" | "),
          ]);
        }
      }
    }
  }
  return rows;
}

export function obligationRows(obligations: readonly TSiteObligation[], today: string): Row[] {
  const rows: Row[] = [
    [
      "Status",
      "Overdue",
      "Due",
      "Responsible",
      "Tenant",
      "Source",
      "Reference",
      "Subject",
      "Obligation",
      "Evidence",
      "Waiver",
      "Active",
    ],
  ];
  for (const o of obligations) {
    rows.push([
      OBLIGATION_STATUS_LABELS[o.status],
      isOverdue(o, today) ? "yes" : "no",
      o.due ?? "",
      PARTY_LABELS[o.responsibleParty],
      o.obligeeName ?? "(not assigned)",
      OBLIGATION_SOURCE_LABELS[o.source],
      o.reference ?? "",
      o.subject.label,
      o.text,
      o.evidence.map((e) => (e.url ? `${e.title} <${e.url}>` : e.title)).join("; "),
      o.waiver ? `${o.waiver.state}: ${o.waiver.justification}` : "",
      o.active ? "yes" : "retired",
    ]);
  }
  return rows;
}

/** RFC 4180 CSV with a byte-order mark so spreadsheet programs read UTF-8; formulas are neutralised. */
export function toCsv(rows: Row[]): string {
  const cell = (value: string | number) => {
    let text = String(value);
    if (/^[=+\-@\t\r]/.test(text) && typeof value === "string") text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return `\uFEFF${rows.map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
}

export async function toXlsx(sheets: { name: string; rows: Row[] }[]): Promise<Uint8Array> {
  // exceljs and its zip/stream dependencies (~700 kB) load with the first XLSX report, not at cold start.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Assure";
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: "frozen", ySplit: 1 }] });
    for (const row of sheet.rows) worksheet.addRow(row);
    worksheet.getRow(1).font = { bold: true };
    worksheet.autoFilter = {
      from: { row: 1, column: 1 },
      to: { row: 1, column: sheet.rows[0]?.length ?? 1 },
    };
    worksheet.columns.forEach((column, index) => {
      const widest = Math.max(...sheet.rows.map((row) => String(row[index] ?? "").length));
      column.width = Math.min(60, Math.max(8, widest + 2));
    });
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
