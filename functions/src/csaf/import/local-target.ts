import { CliError } from "../../cli/cli-error";
import { createDb, type Db } from "../../db/client";
import { localPaths, readJsonFile, ZLocalStackState } from "../../local/paths";
import { PLATFORM_TENANT_ID } from "../../repos/advisories";
import { createEvidenceStoreFromEnv } from "../../storage/create-evidence-store";
import type { EvidenceStore } from "../../storage/evidence-store";
import { catalogCandidates } from "./match-candidates";
import { type ImportTarget, useCaseTarget } from "./run-import";

/**
 * `assure csaf import --local`: the import use case straight against the running local stack (`npm start`), as the
 * platform — for bulk loads such as the 1,655 CISA advisories, without an operator token. Refuses to run in AWS.
 */
export function localImportTarget(input: { strict: boolean }): {
  target: ImportTarget;
  close: () => void;
  where: string;
} {
  if (process.env.ASSURE_MODE === "aws")
    throw new CliError("--local only works against the local stack (ASSURE_MODE is aws).");
  const state = readJsonFile(ZLocalStackState, localPaths.state);
  if (!state)
    throw new CliError(
      `No local stack found in ${localPaths.state}: run \`npm start\` first, or import through the API.`,
    );
  const db = createDb({ tableName: state.tableName, endpoint: state.dynamoEndpoint });
  return {
    target: localPlatformTarget(db, { strict: input.strict, actor: "cli:csaf-import" }),
    close: () => db.raw.destroy(),
    where: `the local stack (${state.dynamoEndpoint}, table ${state.tableName})`,
  };
}

/** The import use case as the platform on the local stack's table, documents kept in its evidence directory. */
export function localPlatformTarget(
  db: Db,
  input: { strict: boolean; actor: string; documents?: EvidenceStore },
): ImportTarget {
  const documents = input.documents ?? createEvidenceStoreFromEnv(process.env, localPaths.evidence);
  return useCaseTarget(
    { db, documents, candidates: catalogCandidates(db, { cacheMs: 60_000 }), now: () => new Date() },
    {
      importer: { kind: "platform", actor: input.actor, auditTenantId: PLATFORM_TENANT_ID },
      strict: input.strict,
    },
  );
}
