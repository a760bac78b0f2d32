import { evaluate, ZEvaluationInput, ZEvaluationResult } from "@assure/shared";
import { createRoute } from "@hono/zod-openapi";
import { createRouter } from "../http/env";
import { apiKeyScopes } from "../http/route-access";
import { bearerSecurity, jsonBody, jsonResponse, problemResponses } from "../http/schemas";

/** The evaluation document (docs/engine.md) over HTTP: the same pure engine as `assure evaluate`, no storage. */
export const evaluateRoutes = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/",
    ...apiKeyScopes("catalog:read", "sites:read"),
    tags: ["Evaluation"],
    summary: "Evaluate a self-contained evaluation document (components, zones, conduits, countermeasures)",
    description:
      "Returns per zone the SL-A, compliance, per asset and FR the verdict (meets, covered, gap) with reasons, " +
      "advisories and obligations. JSON Schemas: docs/schemas/evaluation-input.schema.json and evaluation-output.schema.json.",
    security: bearerSecurity,
    request: { body: jsonBody(ZEvaluationInput, "An evaluation document") },
    responses: {
      200: jsonResponse(ZEvaluationResult, "The evaluation result"),
      ...problemResponses(400, 401, 413),
    },
  }),
  (c) => c.json(evaluate(c.req.valid("json")), 200),
);
