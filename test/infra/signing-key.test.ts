import { createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  jwksOf,
  nextSigningKeySet,
  parseSigningKeySet,
  retiredKeysKept,
} from "../../functions/src/signing/key-set";

describe("portal signing-key rotation", () => {
  it("treats the stack's bootstrap value as no key yet", () => {
    expect(parseSigningKeySet(JSON.stringify({ keys: [], bootstrap: "x" }))).toBeUndefined();
    expect(parseSigningKeySet("not json")).toBeUndefined();
    expect(parseSigningKeySet(undefined)).toBeUndefined();
  });

  it("generates a P-256 signing key and keeps only the public part of the previous one", () => {
    const first = nextSigningKeySet(undefined, new Date("2026-01-01T00:00:00Z"), "k1");
    expect(first.active).toMatchObject({ kid: "k1", alg: "ES256", use: "sig", kty: "EC", crv: "P-256" });
    expect(first.retired).toEqual([]);

    const second = nextSigningKeySet(
      parseSigningKeySet(JSON.stringify(first)),
      new Date("2026-02-01T00:00:00Z"),
      "k2",
    );
    expect(second.active.kid).toBe("k2");
    expect(second.retired).toHaveLength(1);
    expect(second.retired[0]).toMatchObject({ kid: "k1", x: first.active.x, y: first.active.y });
    expect(second.retired[0]).not.toHaveProperty("d");

    // A third rotation drops k1: only one previous key stays verifiable.
    const third = nextSigningKeySet(second, new Date("2026-03-01T00:00:00Z"), "k3");
    expect(third.retired.map((key) => key.kid)).toEqual(["k2"]);
  });

  it("keeps every previous public key when the secret says so (claim-signing keys), newest first", () => {
    let keySet = nextSigningKeySet(undefined, new Date(), "c1", "all");
    for (const kid of ["c2", "c3", "c4"]) keySet = nextSigningKeySet(keySet, new Date(), kid, "all");
    expect(keySet.active.kid).toBe("c4");
    expect(keySet.retired.map((key) => key.kid)).toEqual(["c3", "c2", "c1"]);
    for (const key of keySet.retired) expect(key).not.toHaveProperty("d");
    expect(nextSigningKeySet(keySet, new Date(), "c5", 2).retired.map((key) => key.kid)).toEqual([
      "c4",
      "c3",
    ]);
  });

  it("reads the retention from the secret's tag: all, a count, else one", () => {
    expect(retiredKeysKept("all")).toBe("all");
    expect(retiredKeysKept("3")).toBe(3);
    expect(retiredKeysKept("0")).toBe(0);
    expect(retiredKeysKept(undefined)).toBe(1);
    expect(retiredKeysKept("many")).toBe(1);
  });

  it("publishes a JWKS without private parts whose keys verify what the active key signs", () => {
    const keySet = nextSigningKeySet(nextSigningKeySet(undefined, new Date(), "old"), new Date(), "new");
    const jwks = jwksOf(keySet);
    expect(jwks.keys.map((key) => key.kid)).toEqual(["new", "old"]);
    for (const key of jwks.keys) expect(key).not.toHaveProperty("d");
    const data = Buffer.from("token");
    const signature = sign("sha256", data, createPrivateKey({ key: keySet.active, format: "jwk" }));
    const published = jwks.keys[0];
    if (!published) throw new Error("empty JWKS");
    expect(verify("sha256", data, createPublicKey({ key: published, format: "jwk" }), signature)).toBe(true);
  });
});
