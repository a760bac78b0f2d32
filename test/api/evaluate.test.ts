import { readFileSync } from "node:fs";
import path from "node:path";
import { evaluate, ZEvaluationInput } from "@assure/shared";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestActor, type TestApp } from "../support/app";

let t: TestApp;
let owner: TestActor;

const document = {
  evaluationDate: "2026-03-15",
  components: [
    { id: "hmi", componentType: "HDR", claim: { slC: [1, 1, 2, 1, 1, 1, 1], basis: "self_declared" } },
  ],
  zones: [{ id: "dosing", slT: [2, 2, 2, 1, 2, 1, 2], assets: [{ id: "hmi-1", componentId: "hmi" }] }],
  countermeasures: [{ id: "jump-host", scope: { zone: "dosing" }, frs: [1, 2], raisesTo: 2 }],
};

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.actor(["asset_owner"], "viewer");
});

describe("POST /v1/evaluate", () => {
  it("answers exactly what the shared engine answers", async () => {
    const res = await t.app.request("/v1/evaluate", {
      method: "POST",
      headers: owner.headers(),
      body: JSON.stringify(document),
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual(JSON.parse(JSON.stringify(evaluate(ZEvaluationInput.parse(document)))));
    expect(body.zones[0].assets[0].perFr.map((f: { verdict: string }) => f.verdict)).toEqual([
      "covered",
      "covered",
      "meets",
      "meets",
      "gap",
      "meets",
      "gap",
    ]);
  });

  it("rejects an invalid document with the JSON pointers of every problem", async () => {
    const res = await t.app.request("/v1/evaluate", {
      method: "POST",
      headers: owner.headers(),
      body: JSON.stringify({ ...document, zones: [{ id: "z", slT: [9, 1, 1, 1, 1, 1, 1], assets: [] }] }),
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.code).toBe("validation_failed");
    expect(body.errors.map((e: { path: string }) => e.path)).toContain("/zones/0/slT/0");
  });

  it("needs authentication", async () => {
    const res = await t.app.request("/v1/evaluate", { method: "POST", body: JSON.stringify(document) });
    expect(res.status).toBe(401);
  });

  it("is described in the OpenAPI document", async () => {
    const spec = await (await t.app.request("/openapi.json")).json();
    expect(spec.openapi).toBe("3.1.0");
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(["/v1/evaluate", "/v1/components", "/v1/catalog/components", "/v1/api-keys"]),
    );
    const example = path.resolve(import.meta.dirname, "../../docs/schemas/evaluation-input.schema.json");
    expect(JSON.parse(readFileSync(example, "utf8")).type).toBe("object");
  });
});
