import { describe, expect, it } from "vitest";
import type { TComponent } from "./component";
import { draftDetails, narrowestVisibility, stageEdit, visibilityAsSeenBy } from "./component-disclosure";

const A = "01jaaaaaaaaaaaaaaaaaaaaaaa";
const B = "01jbbbbbbbbbbbbbbbbbbbbbbb";
const C = "01jccccccccccccccccccccccc";
const restricted = (...tenantIds: string[]) => ({ kind: "restricted" as const, tenantIds });
const PUBLIC = { kind: "public" as const };

describe("visibilityAsSeenBy", () => {
  it.each([
    ["the owner sees the whole list", restricted(A, B), A, true, restricted(A, B)],
    ["a named customer sees itself only", restricted(A, B), B, false, restricted(B)],
    ["anyone else sees no one", restricted(A, B), C, false, restricted()],
    ["public stays public", PUBLIC, C, false, PUBLIC],
  ] as const)("%s", (_, visibility, viewer, isOwner, expected) => {
    expect(visibilityAsSeenBy(visibility, viewer, isOwner)).toEqual(expected);
  });
});

describe("narrowestVisibility", () => {
  it.each([
    ["public → restricted: the restriction", PUBLIC, restricted(A), restricted(A)],
    ["restricted → public: stays restricted", restricted(A), PUBLIC, restricted(A)],
    ["a customer removed: at once", restricted(A, B), restricted(A), restricted(A)],
    ["a customer added: not yet", restricted(A), restricted(A, B), restricted(A)],
    ["a customer swapped: nobody until published", restricted(A), restricted(B), restricted()],
  ] as const)("%s", (_, live, requested, expected) => {
    expect(narrowestVisibility(live, requested)).toEqual(expected);
  });
});

describe("stageEdit", () => {
  const live = {
    id: C,
    supplierTenantId: C,
    vendor: "Northwind",
    name: "PLC",
    productLine: "",
    componentType: "EDR",
    description: "",
    identifiers: { modelNumbers: [] },
    visibility: restricted(A),
    status: "published",
    draft: { versions: [], claims: [] },
    published: {
      revision: 1,
      slC: [1, 1, 1, 1, 1, 1, 1],
      basis: "self_declared",
      publishedAt: "2026-01-01T00:00:00.000Z",
      digest: "",
      versions: [],
      claims: [],
    },
    lifecycle: {},
    version: 2,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
  } satisfies TComponent;

  it("keeps the live details of a published component and puts the edits in pending", () => {
    const staged = stageEdit(live, { ...live, name: "PLC 2", visibility: restricted(B) });
    expect(staged.name).toBe("PLC");
    expect(staged.visibility).toEqual(restricted());
    expect(staged.pending).toEqual({ name: "PLC 2", visibility: restricted(B) });
    expect(draftDetails(staged)).toMatchObject({ name: "PLC 2", visibility: restricted(B) });
  });

  it("clears pending when an edit returns to the live value", () => {
    const staged = stageEdit(live, { ...live, name: "PLC 2" });
    expect(stageEdit(staged, { ...draftDetails(staged), name: "PLC" }).pending).toBeUndefined();
  });

  it("applies everything at once before the first publication", () => {
    const { published: _, ...draft } = live;
    const staged = stageEdit({ ...draft, status: "draft" }, { ...draft, status: "draft", name: "PLC 2" });
    expect(staged.name).toBe("PLC 2");
    expect(staged.pending).toBeUndefined();
  });
});
