import type { TComponent, TComponentInput, TTenant } from "@assure/shared";
import type { Db } from "../../functions/src/db/client";
import { createComponent } from "../../functions/src/repos/components";
import {
  type ClaimSigner,
  createClaimSigner,
  generateClaimSigningJwk,
} from "../../functions/src/signing/claim-signer";
import { publishDraft } from "../../functions/src/usecases/publish-component";

/** A realistic component input; override what a test is about. */
export function buildComponentInput(overrides: Partial<TComponentInput> = {}): TComponentInput {
  return {
    name: "RTU 560 Remote Terminal Unit",
    productLine: "Substation automation",
    componentType: "EDR",
    description: "Remote terminal unit with IEC 61850 and IEC 60870-5-104 interfaces.",
    identifiers: { modelNumbers: ["560CMU05"], purl: undefined, cpe: undefined },
    visibility: { kind: "public" },
    slC: [2, 2, 2, 1, 2, 1, 2],
    basis: "self_declared",
    ...overrides,
  };
}

let signer: Promise<ClaimSigner> | undefined;
/** A claim signer for tests that write through the repositories (one per test process). */
export function testClaimSigner(): Promise<ClaimSigner> {
  signer ??= generateClaimSigningJwk("claims-builder").then(({ privateJwk }) =>
    createClaimSigner(privateJwk),
  );
  return signer;
}

/** Creates and publishes a component through the same use case as the API (checks, signature, revision 1). */
export async function createPublishedComponent(
  db: Db,
  input: { supplier: TTenant; component: TComponentInput; now?: Date },
): Promise<TComponent> {
  const now = input.now ?? new Date();
  const draft = await createComponent(db, {
    supplier: input.supplier,
    component: input.component,
    actor: "test",
    now,
  });
  const { component } = await publishDraft(db, await testClaimSigner(), {
    supplier: input.supplier,
    before: draft,
    expectedVersion: draft.version,
    actor: "test",
    now,
  });
  return component;
}
