import {
  applicableRows,
  FR_NUMBERS,
  type TClaimInput,
  type TComponentType,
  type TTenant,
} from "@assure/shared";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "../db/client";
import { keys } from "../db/keys";
import { createCertification } from "../repos/certifications";
import { createComponent } from "../repos/components";
import { createEvidence } from "../repos/evidence";
import { createSite, createZone } from "../repos/sites";
import { createTenant, setSupplierVerification } from "../repos/tenants";
import { addMembership, createUser } from "../repos/users";
import { type ClaimSigner, claimSignerFromEnv } from "../signing/claim-signer";
import { createEvidenceStoreFromEnv } from "../storage/create-evidence-store";
import type { EvidenceStore } from "../storage/evidence-store";
import { publishDraft } from "../usecases/publish-component";
import { hashPassword } from "../usecases/sign-in-with-password";
import {
  DEMO_PASSWORD,
  type DemoClaim,
  demoCertifications,
  demoComponents,
  demoRestrictedComponent,
  demoSite,
  demoSiteModel,
  demoTenants,
  demoUsers,
} from "./demo-data";
import { localPaths } from "./paths";
import { seedSiteModel } from "./seed-site-model";

const SEED_MARKER = keys.meta("seed");

/**
 * Seeds the demo data once. A marker item is claimed first with a conditional write, so a second
 * `npm start` (or two at once) never seeds twice.
 */
/** Per-requirement results consistent with the declared levels: rows up to each FR's level met, others not. */
function requirementsFromLevels(componentType: TComponentType, slC: number[]) {
  const results: Record<string, boolean | "n/a"> = {};
  for (const fr of FR_NUMBERS) {
    for (const row of applicableRows(componentType, fr)) results[row.id] = row.minSl <= (slC[fr - 1] ?? 0);
  }
  return results;
}

/** A small, valid PDF standing in for a certificate scan. */
function demoPdf(title: string, lines: string[]): Uint8Array {
  const text = [title, ...lines]
    .map(
      (line, i) =>
        `BT /F1 ${i === 0 ? 16 : 11} Tf 56 ${760 - i * 22} Td (${line.replace(/[()\\]/g, "")}) Tj ET`,
    )
    .join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

const isoDay = (date: Date, plusDays = 0) =>
  new Date(date.getTime() + plusDays * 86_400_000).toISOString().slice(0, 10);

export interface SeedServices {
  /** Signs the demo revisions; the local stack's key by default (the API publishes its JWKS). */
  signer?: ClaimSigner;
  /** Where demo evidence goes; the local stack's `.data/evidence` by default. */
  evidence?: EvidenceStore;
}

export async function seedDemoData(
  db: Db,
  now = new Date(),
  services: SeedServices = {},
): Promise<{ seeded: boolean }> {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...SEED_MARKER, type: "meta", startedAt: now.toISOString() },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return { seeded: false };
    throw error;
  }

  const actor = "seed";
  const tenants = new Map<string, TTenant>();
  for (const spec of demoTenants) {
    let tenant = await createTenant(db, { slug: spec.slug, name: spec.name, kinds: spec.kinds, actor, now });
    if (spec.verified) {
      tenant = await setSupplierVerification(db, {
        tenantId: tenant.id,
        verified: true,
        method: spec.verified,
        actor,
        now,
      });
    }
    tenants.set(spec.slug, tenant);
  }
  const tenantOf = (slug: string) => {
    const tenant = tenants.get(slug);
    if (!tenant) throw new Error(`demo data names an unknown tenant ${slug}`);
    return tenant;
  };

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const spec of demoUsers) {
    const user = await createUser(db, {
      email: spec.email,
      name: spec.name,
      passwordHash,
      platformOperator: spec.operator ?? false,
      now,
    });
    for (const membership of spec.memberships) {
      await addMembership(db, {
        tenant: tenantOf(membership.tenant),
        user,
        role: membership.role,
        actor,
        now,
      });
    }
  }

  const signer =
    services.signer ??
    (await claimSignerFromEnv({ ...process.env, ASSURE_MODE: "local" }, localPaths.claimSigningKey));
  if (!signer) throw new Error("the demo seed needs a claim-signing key");
  const evidence = services.evidence ?? createEvidenceStoreFromEnv(process.env, localPaths.evidence);

  const certificationIds = new Map<string, string>();
  for (const spec of demoCertifications) {
    const supplier = tenantOf(spec.supplier);
    const expires = isoDay(now, spec.expiresInDays);
    const bytes = demoPdf(`${spec.certification.scheme} certificate`, [
      `Certificate no. ${spec.certification.certificateNo}`,
      `Holder: ${supplier.name}`,
      `Certification body: ${spec.certification.body}`,
      `Standard: IEC 62443-${spec.certification.standardPart}`,
      `Scope: ${spec.certification.scope ?? ""}`,
      `Issued ${spec.certification.issued}, valid until ${expires}`,
      "Demo document generated by the Assure seed.",
    ]);
    const stored = await evidence.put({ tenantId: supplier.id, bytes, contentType: "application/pdf" });
    const file = await createEvidence(
      db,
      {
        id: stored.evidenceId,
        tenantId: supplier.id,
        fileName: spec.evidenceFile,
        contentType: stored.contentType,
        size: stored.size,
        sha256: stored.sha256,
        state: "stored",
        createdBy: actor,
        createdAt: now.toISOString(),
        storedAt: now.toISOString(),
        version: 1,
      },
      actor,
      now,
    );
    const certification = await createCertification(db, {
      supplierTenantId: supplier.id,
      certification: { ...spec.certification, expires, evidenceIds: [file.id], sourceKey: spec.key },
      evidence: new Map([[file.id, file]]),
      actor,
      now,
    });
    certificationIds.set(spec.key, certification.id);
  }

  const claimsOf = (componentType: TComponentType, claims: DemoClaim[]): TClaimInput[] =>
    claims.map((claim) => ({
      versionRange: claim.versionRange,
      slC: claim.slC,
      basis: claim.basis,
      ...(claim.requirementsFromLevels
        ? { requirements: requirementsFromLevels(componentType, claim.slC) }
        : {}),
      ...(claim.certification ? { certificationId: certificationIds.get(claim.certification) } : {}),
      securityContext: claim.securityContext ?? [],
      ...(claim.maturity ? { maturity: claim.maturity } : {}),
    }));

  const publish = async (supplier: TTenant, draft: Awaited<ReturnType<typeof createComponent>>) =>
    publishDraft(db, signer, { supplier, before: draft, expectedVersion: draft.version, actor, now });

  const seededComponents = new Map<string, { id: string; supplierTenantId: string }>();
  for (const spec of demoComponents) {
    const supplier = tenantOf(spec.supplier);
    const component = await createComponent(db, {
      supplier,
      component: {
        name: spec.name,
        ...(spec.vendor ? { vendor: spec.vendor } : {}),
        productLine: spec.productLine,
        componentType: spec.componentType,
        description: spec.description,
        identifiers: { modelNumbers: spec.modelNumbers },
        visibility: { kind: "public" },
        ...(spec.sourceKey ? { sourceKey: spec.sourceKey } : {}),
        versions: spec.versions ?? [],
        ...(spec.claims
          ? { claims: claimsOf(spec.componentType, spec.claims) }
          : { slC: spec.slC, basis: spec.basis === "certified" ? "third_party_assessed" : spec.basis }),
      },
      actor,
      now,
    });
    if (spec.publish) await publish(supplier, component);
    seededComponents.set(spec.name, component);
  }

  const nda = demoRestrictedComponent;
  const ndaSupplier = tenantOf(nda.supplier);
  const ndaComponent = await createComponent(db, {
    supplier: ndaSupplier,
    component: {
      name: nda.name,
      productLine: nda.productLine,
      componentType: nda.componentType,
      description: nda.description,
      identifiers: { modelNumbers: nda.modelNumbers },
      visibility: { kind: "restricted", tenantIds: nda.sharedWith.map((slug) => tenantOf(slug).id) },
      sourceKey: nda.sourceKey,
      versions: nda.versions,
      claims: claimsOf(nda.componentType, nda.claims),
    },
    actor,
    now,
  });
  await publish(ndaSupplier, ndaComponent);
  seededComponents.set(nda.name, ndaComponent);

  const owner = tenantOf(demoSite.tenant);
  const site = await createSite(db, {
    tenantId: owner.id,
    name: demoSite.name,
    location: demoSite.location,
    description: demoSite.description,
    actor,
    now,
  });
  const zoneIds = new Map<string, string>();
  for (const zone of demoSite.zones) {
    zoneIds.set(
      zone.name,
      (await createZone(db, { tenantId: owner.id, siteId: site.id, ...zone, actor, now })).id,
    );
  }
  await seedSiteModel(db, {
    owner,
    site,
    zoneIds,
    components: seededComponents,
    integrator: tenantOf(demoSiteModel.integrator.slug),
    actor,
    now,
  });

  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: {
        ...SEED_MARKER,
        type: "meta",
        startedAt: now.toISOString(),
        completedAt: new Date().toISOString(),
      },
    }),
  );
  return { seeded: true };
}
