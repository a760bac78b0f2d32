import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { createRouter } from "../http/env";
import { apiKeyScopes } from "../http/route-access";
import { bearerSecurity, problemResponses, ZIdParam } from "../http/schemas";
import { listSiteObligations } from "../repos/obligations";
import { matrixRows, obligationRows, toCsv, toXlsx } from "../usecases/build-site-reports";
import { evaluateSite, loadSiteModel } from "../usecases/evaluate-site";
import { filterObligations } from "../usecases/query-obligations";
import { resolveSiteAccess } from "../usecases/resolve-site-access";

const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/** Spreadsheet exports of a site: the asset × FR matrix and the obligations, as CSV or XLSX. */
export const reportRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/{id}/reports/{report}",
    ...apiKeyScopes("sites:read"),
    tags: ["Reports"],
    summary:
      "matrix.csv, matrix.xlsx, obligations.csv, obligations.xlsx (XLSX: both as sheets in one workbook)",
    security: bearerSecurity,
    request: {
      params: ZIdParam.extend({
        report: z.enum(["matrix.csv", "matrix.xlsx", "obligations.csv", "obligations.xlsx"]),
      }),
    },
    responses: {
      200: {
        description: "The file",
        content: {
          [CONTENT_TYPES.csv]: { schema: z.string() },
          [CONTENT_TYPES.xlsx]: { schema: z.string() },
        },
      },
      ...problemResponses(401, 404),
    },
  }),
  async (c) => {
    const { db, now } = c.var.deps;
    const { id, report } = c.req.valid("param");
    const access = await resolveSiteAccess(db, c.var.auth, id);
    const today = now().toISOString().slice(0, 10);
    const [kind, format] = report.split(".") as ["matrix" | "obligations", "csv" | "xlsx"];
    const [evaluation, obligations] = await Promise.all([
      kind === "matrix" || format === "xlsx"
        ? loadSiteModel(db, access.site).then((model) =>
            evaluateSite(db, { viewerTenantId: c.var.auth.tenantId, model, now: now() }),
          )
        : undefined,
      kind === "obligations" || format === "xlsx"
        ? listSiteObligations(db, access.ownerTenantId, id).then((all) =>
            filterObligations(all, { sort: "due", order: "asc", limit: 100, includeRetired: true }, today),
          )
        : undefined,
    ]);
    const slug =
      access.site.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "") || "site";
    const headers = {
      "content-type": CONTENT_TYPES[format],
      "content-disposition": `attachment; filename="${slug}-${kind}-${today}.${format}"`,
    };
    const matrix = evaluation ? matrixRows(evaluation.document, evaluation.result) : [];
    const obligationTable = obligations ? obligationRows(obligations, today) : [];
    if (format === "csv") return c.body(toCsv(kind === "matrix" ? matrix : obligationTable), 200, headers);
    const sheets =
      kind === "matrix"
        ? [
            { name: "Matrix", rows: matrix },
            { name: "Obligations", rows: obligationTable },
          ]
        : [
            { name: "Obligations", rows: obligationTable },
            { name: "Matrix", rows: matrix },
          ];
    const bytes = await toXlsx(sheets);
    return c.body(bytes.buffer as ArrayBuffer, 200, headers);
  },
);
