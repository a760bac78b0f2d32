import { expect, it } from "vitest";
import { buildComponentInput, createPublishedComponent } from "../builders/component";
import { createSiteOverApi } from "../builders/site";
import { createTestApp } from "../support/app";

// An obligation's history names who acted, in words (people by name), for everyone who may read it.
it("names the people in an obligation's history", async () => {
  const t = await createTestApp();
  const owner = await t.actor(["asset_owner"], "owner", "History Owner");
  const supplier = await t.actor(["supplier"], "owner", "History Supplier");
  const plc = await createPublishedComponent(t.db, {
    supplier: supplier.tenant,
    component: buildComponentInput({ name: "History PLC", slC: [1, 1, 1, 1, 1, 1, 1] }),
  });
  const call = async (method: string, path: string, body?: unknown, ifMatch?: number) => {
    const res = await t.app.request(path, {
      method,
      headers: owner.headers(ifMatch === undefined ? {} : { "if-match": `"${ifMatch}"` }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: await res.json() };
  };
  const { site, asset } = await createSiteOverApi(t, owner, {
    component: plc,
    name: "History Plant",
    zone: { name: "Cell" },
  });
  await call("POST", `/v1/sites/${site.id}/countermeasures`, {
    name: "Jump host MFA",
    scope: { kind: "asset", id: asset.id },
    frs: [1],
    raisesTo: 2,
  });
  const list = (await call("GET", `/v1/sites/${site.id}/obligations?source=countermeasure`)).body;
  const obligation = list.items[0];
  expect(obligation).toBeDefined();
  const started = await call(
    "PATCH",
    `/v1/sites/${site.id}/obligations/${obligation.id}`,
    { status: "in_progress" },
    obligation.version,
  );
  expect(started.status).toBe(200);
  // Someone of another organisation working on the site is named with that organisation.
  const integrator = await t.actor(["integrator"], "owner", "History Integrator");
  const grant = await call("POST", `/v1/sites/${site.id}/grants`, {
    granteeSlug: integrator.tenant.slug,
    access: "write",
  });
  expect(grant.status).toBe(201);
  const due = await t.app.request(`/v1/sites/${site.id}/obligations/${obligation.id}`, {
    method: "PATCH",
    headers: integrator.headers({ "if-match": `"${started.body.version}"` }),
    body: JSON.stringify({ due: "2027-03-31" }),
  });
  expect(due.status).toBe(200);
  const read = (await call("GET", `/v1/sites/${site.id}/obligations/${obligation.id}`)).body;
  const change = read.history.find((h: { action: string }) => h.action === "status");
  expect(change).toMatchObject({ from: "open", to: "in_progress", actorName: owner.user.name });
  expect(read.history.find((h: { action: string }) => h.action === "due")).toMatchObject({
    actorName: `${integrator.user.name} (History Integrator)`,
  });
  for (const entry of read.history) expect(entry.actorName).toEqual(expect.any(String));
});
