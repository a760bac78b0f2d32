"use server";

import { ZAdvisorySettings, ZWebhookSigningKey } from "@assure/shared";
import { revalidatePath } from "next/cache";
import { ApiProblem, api } from "@/lib/api";
import { type FormResult, issuesToFieldErrors } from "@/lib/form-result";

export async function saveAdvisorySettingsAction(
  _previous: FormResult | null,
  formData: FormData,
): Promise<FormResult> {
  const emails = String(formData.get("notifyEmails") ?? "")
    .split(/[,\s]+/)
    .map((e) => e.trim())
    .filter(Boolean);
  const webhook = String(formData.get("webhookUrl") ?? "").trim();
  const parsed = ZAdvisorySettings.safeParse({
    strictCsafImport: formData.get("strictCsafImport") === "on",
    notifyEmails: emails,
    webhookUrl: webhook || null,
  });
  if (!parsed.success) {
    return {
      ok: false,
      message: "Some fields need attention.",
      fieldErrors: issuesToFieldErrors(parsed.error.issues),
    };
  }
  try {
    await api(ZAdvisorySettings, "/v1/advisories/settings", {
      method: "PUT",
      body: parsed.data,
      headers: { "if-match": String(formData.get("etag") ?? "") },
    });
  } catch (error) {
    if (error instanceof ApiProblem) {
      const message =
        error.problem.status === 412
          ? "Another admin changed these settings since this page loaded. Reload the page and apply your change again."
          : error.problem.detail;
      return {
        ok: false,
        message,
        fieldErrors: Object.fromEntries((error.problem.errors ?? []).map((e) => [e.path, e.message])),
      };
    }
    throw error;
  }
  revalidatePath("/advisories/settings");
  return { ok: true, message: "Saved." };
}

export type SigningKeyResult =
  | { ok: true; secret: string; createdAt: string }
  | { ok: false; message: string };

/** Creates or rotates the tenant's webhook signing key; the key comes back once, here. */
export async function rotateWebhookSigningKeyAction(): Promise<SigningKeyResult> {
  try {
    const { data } = await api(ZWebhookSigningKey, "/v1/advisories/settings/webhook-signing", {
      method: "POST",
    });
    revalidatePath("/advisories/settings");
    return { ok: true, secret: data.secret, createdAt: data.createdAt };
  } catch (error) {
    if (error instanceof ApiProblem) return { ok: false, message: error.problem.detail };
    throw error;
  }
}
