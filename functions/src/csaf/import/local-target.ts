import { CliError } from "../../cli/cli-error";
import { createDb } from "../../db/client";
import { localPaths, readJsonFile, ZLocalStackState } from "../../local/paths";
import { PLATFORM_TENANT_ID } from "../../repos/advisories";
import { createEvidenceStoreFromEnv } from "../../storage/create-evidence-store";
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
  const documents = createEvidenceStoreFromEnv(process.env, localPaths.evidence);
  const target = useCaseTarget(
    { db, documents, candidates: catalogCandidates(db, { cacheMs: 60_000 }), now: () => new Date() },
    {
      importer: { kind: "platform", actor: "cli:csaf-import", auditTenantId: PLATFORM_TENANT_ID },
      strict: input.strict,
    },
  );
  return {
    target,
    close: () => db.raw.destroy(),
    where: `the local stack (${state.dynamoEndpoint}, table ${state.tableName})`,
  };
}
