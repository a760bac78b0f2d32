import type { TAdvisorySettings } from "@assure/shared";
import { AppError } from "../app-error";
import type { Db } from "../db/client";
import { checkWebhookUrl, type WebhookTargetPolicy, WebhookTargetRefused } from "../notify/webhook-target";
import { putAdvisorySettings } from "../repos/advisories";
import { StaleWrite } from "../repos/site-items";

/**
 * Saves a tenant's advisory settings if they are still at the version the admin read (If-Match), so two admins
 * cannot silently overwrite each other. The webhook URL must name a public https endpoint now (the sender checks
 * again on every delivery, on the address it connects to).
 */
export async function saveAdvisorySettings(
  db: Db,
  input: {
    tenantId: string;
    settings: TAdvisorySettings;
    /** From If-Match: the version the admin read. */
    expectedVersion: number;
    actor: string;
    now: Date;
    webhookTargets: WebhookTargetPolicy;
  },
): Promise<number> {
  if (input.settings.webhookUrl) {
    await checkWebhookUrl(input.settings.webhookUrl, input.webhookTargets).catch((error: unknown) => {
      if (!(error instanceof WebhookTargetRefused)) throw error;
      throw new AppError(
        "validation_failed",
        `The webhook URL was refused: ${error.message}. Webhooks go only to public https endpoints.`,
        { errors: [{ path: "/webhookUrl", message: error.message, in: "body" }] },
      );
    });
  }
  return putAdvisorySettings(db, input).catch((error: unknown) => {
    if (error instanceof StaleWrite) {
      throw new AppError(
        "precondition_failed",
        "Another admin changed these settings since you read them; reload and apply your change again.",
      );
    }
    throw error;
  });
}
