import { describe, expect, it } from "vitest";
import { grantNotices, integratorNotices, obligationNotices } from "./collaboration-notices";
import type { TSiteGrant } from "./grant";
import type { TSiteObligation } from "./obligation";
import type { TSite } from "./site";

const OWNER = "01jowner00000000000000000o";
const SI = "01jintegrator000000000000i";
const OTHER_SI = "01jother00000000000000000x";
const SITE = "01jsite000000000000000000s";
const at = "2026-12-08T10:00:00.000Z";

const grant = (patch: Partial<TSiteGrant> = {}): TSiteGrant => ({
  siteId: SITE,
  ownerTenantId: OWNER,
  granteeTenantId: SI,
  granteeName: "Vantage",
  granteeSlug: "vantage",
  access: "read",
  grantedBy: "user:x",
  grantedAt: at,
  version: 1,
  updatedAt: at,
  ...patch,
});
const site = (patch: Partial<TSite> = {}): TSite => ({
  id: SITE,
  tenantId: OWNER,
  name: "Kaiserau",
  location: "",
  description: "",
  version: 1,
  createdAt: at,
  updatedAt: at,
  ...patch,
});
const obligation = (patch: Partial<TSiteObligation> = {}): TSiteObligation => ({
  id: "01jobligation000000000000b",
  siteId: SITE,
  ownerTenantId: OWNER,
  sourceKey: "k",
  source: "countermeasure",
  subject: { kind: "site", id: SITE, label: "Kaiserau" },
  text: "Keep MFA in place",
  frs: [1],
  responsibleParty: "integrator",
  obligeeTenantId: SI,
  active: true,
  status: "open",
  evidence: [],
  history: [],
  version: 1,
  createdAt: at,
  updatedAt: at,
  ...patch,
});
const names = { name: "Kaiserau", ownerName: "Rheinwasser" };

describe("grantNotices", () => {
  it.each([
    ["a new grant", undefined, grant(), "Rheinwasser shared Kaiserau with you"],
    ["read → write", grant(), grant({ access: "write", version: 2 }), "Your access to Kaiserau changed"],
    [
      "withdrawn",
      grant(),
      grant({ revokedAt: at, version: 2 }),
      "Rheinwasser withdrew your access to Kaiserau",
    ],
    ["shared again", grant({ revokedAt: at }), grant({ version: 3 }), "Rheinwasser shared Kaiserau with you"],
  ])("%s tells the grantee", (_case, before, after, title) => {
    const [notice, ...rest] = grantNotices(before, after, names);
    expect(rest).toEqual([]);
    expect(notice).toMatchObject({ tenantId: SI, kind: "site_shared", title });
  });

  it("says nothing when nothing the grantee sees changed", () => {
    expect(
      grantNotices(grant(), grant({ version: 2, updatedAt: "2026-12-09T00:00:00.000Z" }), names),
    ).toEqual([]);
  });
});

describe("integratorNotices", () => {
  it("tells the new integrator and the one replaced", () => {
    const notices = integratorNotices(
      site({ integratorTenantId: OTHER_SI }),
      site({ integratorTenantId: SI, version: 2 }),
      "Rheinwasser",
    );
    expect(notices.map((n) => [n.tenantId, n.title])).toEqual([
      [SI, "You are the responsible integrator of Kaiserau"],
      [OTHER_SI, "You are no longer the responsible integrator of Kaiserau"],
    ]);
  });

  it("is silent when the integrator stays", () => {
    expect(
      integratorNotices(site({ integratorTenantId: SI }), site({ integratorTenantId: SI, name: "K2" }), "R"),
    ).toEqual([]);
  });
});

describe("obligationNotices", () => {
  it("tells the obligee of a new obligation, one entry per site and day", () => {
    const [a] = obligationNotices(undefined, obligation(), names, new Set());
    const [b] = obligationNotices(
      undefined,
      obligation({ id: "01jobligation000000000000c" }),
      names,
      new Set(),
    );
    expect(a).toMatchObject({ tenantId: SI, kind: "obligation_assigned" });
    expect(a?.subject).toBe(b?.subject);
  });

  it("leaves advisory remediations to the advisory's own fix request", () => {
    expect(
      obligationNotices(undefined, obligation({ source: "advisory_remediation" }), names, new Set()),
    ).toEqual([]);
  });

  it("says nothing of obligations the owner owes itself", () => {
    expect(obligationNotices(undefined, obligation({ obligeeTenantId: OWNER }), names, new Set())).toEqual(
      [],
    );
  });

  it.each([
    ["the integrator starts work: the owner hears", SI, { status: "in_progress" as const }, [OWNER]],
    ["the owner sets a due date: the integrator hears", OWNER, { due: "2027-01-31" }, [SI]],
  ])("%s", (_case, actor, patch, told) => {
    const notices = obligationNotices(
      obligation(),
      obligation({ ...patch, version: 2 }),
      names,
      new Set([actor]),
    );
    expect(notices.map((n) => n.tenantId)).toEqual(told);
    expect(notices[0]?.kind).toBe("obligation_changed");
  });

  it("names statuses in words", () => {
    const [notice] = obligationNotices(
      obligation(),
      obligation({ status: "in_progress", version: 2 }),
      names,
      new Set([SI]),
    );
    expect(notice?.title).toBe("Obligation changed on Kaiserau: status Open → In progress");
  });
});
