import type { TestActor, TestApp } from "../support/app";

/**
 * A site with one zone and one asset running a catalog component, created through the API as `owner` (so
 * obligations are generated as in real use). Override what a test is about.
 */
export async function createSiteOverApi(
  t: TestApp,
  owner: TestActor,
  input: {
    component: { id: string; supplierTenantId: string };
    name?: string;
    zone?: { name?: string; slT?: number[] };
    asset?: { name?: string; version?: string; count?: number };
  },
): Promise<{
  site: { id: string; name: string };
  sitePath: string;
  zone: { id: string };
  asset: { id: string; revision: number };
}> {
  const post = async (path: string, body: unknown) => {
    const res = await t.app.request(path, {
      method: "POST",
      headers: owner.headers(),
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
    return res.json();
  };
  const site = await post("/v1/sites", { name: input.name ?? "Builder Plant" });
  const sitePath = `/v1/sites/${site.id}`;
  const zone = await post(`${sitePath}/zones`, {
    name: input.zone?.name ?? "Control",
    slT: input.zone?.slT ?? [2, 2, 2, 2, 2, 2, 2],
  });
  const asset = await post(`${sitePath}/assets`, {
    name: input.asset?.name ?? "PLC-1",
    location: { kind: "zone", zoneId: zone.id },
    supplierTenantId: input.component.supplierTenantId,
    componentId: input.component.id,
    version: input.asset?.version ?? "1.0.0",
    count: input.asset?.count ?? 1,
  });
  return { site, sitePath, zone, asset };
}
