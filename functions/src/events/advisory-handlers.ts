import path from "node:path";
import { ZAdvisoryMatch, ZComponent, ZMatchDecision } from "@assure/shared";
import { createDb } from "../db/client";
import { localPaths } from "../local/paths";
import { createNotifier } from "../notify/notifier";
import {
  createFileSink,
  createSesEmailSender,
  createWebhookSender,
  type NotificationSender,
} from "../notify/sender";
import { resolveWithDns } from "../notify/webhook-target";
import { createGuardedPost } from "../notify/webhook-transport";
import { createLogger } from "../observability/logger";
import { findAdvisoryById, getAdvisoryMatch } from "../repos/advisories";
import { ZUsedAsset } from "../repos/advisories-impact";
import { createEvidenceStoreFromEnv } from "../storage/create-evidence-store";
import { applyAssetChange, applyMatchChange, type ImpactDeps } from "../usecases/apply-advisory-impact";
import { matchPublishedComponent } from "../usecases/match-published-component";
import type { StreamHandlerRegistry } from "./registry";

/**
 * Stream handlers of the advisory feature (docs/adr/0051):
 * - `advisoryMatch` items (one per advisory × catalog component): impact on every tenant running the component;
 * - `matchDecision` items: a tenant confirmed or rejected a match, re-decide that tenant's impact;
 * - `asset` items whose component or version changed: impact of every advisory matched to that component;
 * - `component` items newly published (or republished): matched to the advisories already stored.
 */
/**
 * The match as stored now, under whoever owns the advisory now. A removed match item is not proof that the
 * advisory no longer names the component: when an owner displaces another's copy (docs/adr/0060) the old
 * owner's matches are deleted and the new owner's written, and their stream records may arrive in any order.
 */
async function currentMatch(db: ImpactDeps["db"], advisoryId: string, componentId: string) {
  const advisory = await findAdvisoryById(db, advisoryId);
  return (advisory ? await getAdvisoryMatch(db, advisory, componentId) : undefined) ?? null;
}

export function registerAdvisoryHandlers(registry: StreamHandlerRegistry, deps: () => ImpactDeps): void {
  registry.register("advisoryMatch", {
    name: "advisory-impact",
    schema: ZAdvisoryMatch,
    handle: async (change) => {
      const item = change.newItem ?? change.oldItem;
      if (!item) return;
      if (
        change.kind === "MODIFY" &&
        change.oldItem &&
        change.newItem &&
        !matchChanged(change.oldItem, change.newItem)
      ) {
        return;
      }
      const match =
        change.kind === "REMOVE"
          ? await currentMatch(deps().db, item.advisoryId, item.componentId)
          : (change.newItem ?? null);
      const summary = await applyMatchChange(deps(), {
        advisoryId: item.advisoryId,
        componentId: item.componentId,
        match,
      });
      if (summary.opened + summary.review + summary.resolved > 0) {
        deps().logger?.info("advisory impact applied", { advisoryId: item.advisoryId, ...summary });
      }
    },
  });
  registry.register("matchDecision", {
    name: "match-decision-impact",
    schema: ZMatchDecision,
    handle: async (change) => {
      const decision = change.newItem ?? change.oldItem;
      if (!decision) return;
      const match = await currentMatch(deps().db, decision.advisoryId, decision.componentId);
      // The deciding tenant's own impact; the supplier's decision reaches everyone through the match item.
      await applyMatchChange(
        deps(),
        { advisoryId: decision.advisoryId, componentId: decision.componentId, match },
        decision.tenantId,
      );
    },
  });
  registry.register("component", {
    name: "advisory-late-match",
    schema: ZComponent,
    handle: async (change) => {
      const after = change.newItem;
      if (!after?.published || after.status !== "published") return;
      const before = change.oldItem;
      if (before?.status === "published" && before.published?.revision === after.published.revision) return;
      const { documents, ...rest } = deps();
      if (!documents) {
        rest.logger?.warn(
          "no advisory document store: a newly published component is not matched to stored advisories",
          {
            componentId: after.id,
          },
        );
        return;
      }
      await matchPublishedComponent({ ...rest, documents }, after);
    },
  });
  registry.register("asset", {
    name: "asset-advisory-impact",
    schema: ZUsedAsset,
    handle: async (change) => {
      const asset = change.newItem;
      if (!asset) return;
      const before = change.oldItem;
      if (before && before.componentId === asset.componentId && before.version === asset.version) return;
      await applyAssetChange(deps(), asset);
    },
  });
}

/** A re-import that rewrote the match with the same content needs no work (only timestamps moved). */
function matchChanged(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const strip = ({ updatedAt: _u, ...rest }: Record<string, unknown>) => JSON.stringify(rest);
  return strip(a) !== strip(b);
}

/**
 * Dependencies of the stream processor built from its environment: the table, and a notification sender —
 * webhooks over HTTPS to public addresses only (notify/webhook-target.ts), each signed with its tenant's own key
 * (repos/webhook-secrets.ts); e-mail into the outbox directory when NOTIFY_OUTBOX_DIR is set (local), through SES from NOTIFY_EMAIL_FROM in
 * AWS, else logged. Links are absolute under PORTAL_URL. Advisory documents are read from EVIDENCE_BUCKET (AWS).
 */
export function streamDepsFromEnv(env: Record<string, string | undefined>): ImpactDeps {
  const logger = createLogger({ service: env.SERVICE_NAME ?? "assure-stream" });
  const db = createDb({ tableName: env.TABLE_NAME ?? "assure", endpoint: env.DYNAMODB_ENDPOINT });
  const email: NotificationSender = env.NOTIFY_OUTBOX_DIR
    ? createFileSink(path.resolve(env.NOTIFY_OUTBOX_DIR))
    : env.NOTIFY_EMAIL_FROM
      ? createSesEmailSender({ from: env.NOTIFY_EMAIL_FROM })
      : {
          kind: "log",
          send: async (message) =>
            logger.info("e-mail notification (no mail transport configured)", { message }),
        };
  const target = { requireHttps: env.ASSURE_MODE !== "local", resolve: resolveWithDns };
  const sender = createWebhookSender({
    fetch: createGuardedPost({ resolve: resolveWithDns }),
    email,
    target,
  });
  const now = () => new Date();
  return {
    db,
    now,
    logger,
    notifier: createNotifier({ db, sender, now, logger, portalUrl: env.PORTAL_URL }),
    documents: createEvidenceStoreFromEnv(env, localPaths.evidence),
  };
}
