import { ROLES, type TRole } from "@assure/shared";
import { type Command, Option } from "commander";
import type { JWK } from "jose";
import { importSigningKey, signToken } from "../../auth/tokens";
import { createDb } from "../../db/client";
import { localPaths, readJsonFile, ZLocalKeys, ZLocalStackState } from "../../local/paths";
import { getTenantBySlug, listTenants } from "../../repos/tenants";
import { listMembersOfTenant } from "../../repos/users";
import { CliError } from "../cli-error";

function localStack() {
  if (process.env.ASSURE_MODE === "aws") {
    throw new CliError("`assure dev` only works against the local stack (ASSURE_MODE is aws).");
  }
  const keys = readJsonFile(ZLocalKeys, localPaths.keys);
  const state = readJsonFile(ZLocalStackState, localPaths.state);
  if (!keys || !state) {
    throw new CliError(`No local stack found in ${localPaths.state}: run \`npm start\` first.`);
  }
  return { keys, state, db: createDb({ tableName: state.tableName, endpoint: state.dynamoEndpoint }) };
}

async function withLocalDb<T>(work: (stack: ReturnType<typeof localStack>) => Promise<T>): Promise<T> {
  const stack = localStack();
  try {
    return await work(stack);
  } catch (error) {
    if ((error as { code?: string }).code === "ECONNREFUSED" || (error as Error).name === "TimeoutError") {
      throw new CliError(
        `DynamoDB Local is not answering at ${stack.state.dynamoEndpoint}: is \`npm start\` running?`,
      );
    }
    throw error;
  } finally {
    stack.db.raw.destroy();
  }
}

export function registerDevCommands(program: Command) {
  const dev = program
    .command("dev")
    .description("Developer helpers for the local stack (refuse to run in AWS)");

  dev
    .command("token")
    .description("Print a short-lived JWT for the local API, as a member of the tenant")
    .requiredOption("--tenant <slug>", "tenant slug (see `assure dev tenants`)")
    .addOption(new Option("--role <role>", "role in the tenant").choices(ROLES).default("editor"))
    .option("--ttl <seconds>", "lifetime in seconds", "900")
    .action(async (options: { tenant: string; role: TRole; ttl: string }) => {
      const ttlSeconds = Number(options.ttl);
      if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > 86_400) {
        throw new CliError("--ttl must be a whole number of seconds between 1 and 86400.");
      }
      await withLocalDb(async ({ db, keys }) => {
        const tenant = await getTenantBySlug(db, options.tenant);
        if (!tenant)
          throw new CliError(`No tenant with slug "${options.tenant}"; see \`assure dev tenants\`.`);
        const [member] = await listMembersOfTenant(db, tenant.id);
        if (!member) throw new CliError(`Tenant "${options.tenant}" has no members to act as.`);
        const key = await importSigningKey(keys.privateJwk as JWK);
        const token = await signToken(
          key,
          // A fresh "portal session" for the token: `sat` is compared with the member's session revocations.
          { sub: member.userId, tid: tenant.id, role: options.role, sat: Date.now() },
          { ttlSeconds },
        );
        const applied =
          member.role === options.role ? "" : ` (the API applies the stored role, ${member.role})`;
        process.stderr.write(
          `token for ${member.userEmail} as ${options.role} of ${tenant.name}${applied}\n`,
        );
        process.stdout.write(`${token}\n`);
      });
    });

  dev
    .command("tenants")
    .description("List the tenants of the local stack")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }) => {
      await withLocalDb(async ({ db }) => {
        const tenants = (await listTenants(db)).map((t) => ({
          slug: t.slug,
          name: t.name,
          kinds: t.kinds,
          verifiedSupplier: Boolean(t.supplierVerification),
        }));
        if (options.json) {
          process.stdout.write(`${JSON.stringify(tenants, null, 2)}\n`);
          return;
        }
        for (const t of tenants) {
          process.stdout.write(`${t.slug.padEnd(20)} ${t.kinds.join(",").padEnd(24)} ${t.name}\n`);
        }
      });
    });
}
