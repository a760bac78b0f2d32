import type { TAdvisorySettings } from "@assure/shared";
import type { Db } from "../db/client";
import { AppError } from "../http/errors";
import { checkWebhookUrl, type WebhookTargetPolicy, WebhookTargetRefused } from "../notify/webhook-target";
import { putAdvisorySettings } from "../repos/advisories";

/**
 * Saves a tenant's advisory settings. The webhook URL must name a public https endpoint now (the sender checks
 * again on every delivery, on the address it connects to).
 */
export async function saveAdvisorySettings(
  db: Db,
  input: {
    tenantId: string;
    settings: TAdvisorySettings;
    actor: string;
    now: Date;
    webhookTargets: WebhookTargetPolicy;
  },
): Promise<void> {
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
  await putAdvisorySettings(db, input);
}
