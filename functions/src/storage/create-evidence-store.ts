import { type EvidenceStore, evidenceLimitsFromEnv } from "./evidence-store";
import { createLocalEvidenceStore } from "./local-evidence-store";
import { createS3EvidenceStore } from "./s3-evidence-store";

/**
 * The evidence store for this process: S3 when EVIDENCE_BUCKET is set (AWS), otherwise a directory
 * (EVIDENCE_DIR, default `<data dir>/evidence`, the local stack's `.data/evidence`).
 */
export function createEvidenceStoreFromEnv(
  env: Record<string, string | undefined>,
  localDefaultDir: string,
): EvidenceStore {
  const limits = evidenceLimitsFromEnv(env);
  if (env.EVIDENCE_BUCKET) return createS3EvidenceStore({ bucket: env.EVIDENCE_BUCKET, limits });
  return createLocalEvidenceStore({ root: env.EVIDENCE_DIR ?? localDefaultDir, limits });
}
