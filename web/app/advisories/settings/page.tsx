import { roleAtLeast, ZAdvisorySettings, ZWebhookSigningStatus } from "@assure/shared";
import { api } from "@/lib/api";
import { requireContext } from "@/lib/session";
import { AdvisorySettingsForm } from "./settings-form";
import { WebhookSigning } from "./webhook-signing";

export const metadata = { title: "Advisory settings" };

export default async function AdvisorySettingsPage() {
  const context = await requireContext();
  const [{ data, etag }, { data: signing }] = await Promise.all([
    api(ZAdvisorySettings, "/v1/advisories/settings", { context }),
    api(ZWebhookSigningStatus, "/v1/advisories/settings/webhook-signing", { context }),
  ]);
  const canEdit = roleAtLeast(context.membership.role, "admin");
  return (
    <div className="space-y-6">
      <div>
        <h1>Advisory settings</h1>
        <p className="mt-1 text-sm text-slate-600">
          For {context.membership.tenantName}. The in-portal inbox always gets every notification; e-mail and
          webhooks are extra channels.
        </p>
      </div>
      <AdvisorySettingsForm settings={data} etag={etag ?? ""} canEdit={canEdit} />
      <WebhookSigning status={signing} canEdit={canEdit} />
    </div>
  );
}
