"use server";

import { ZAdvisorySettings } from "@assure/shared";
import { revalidatePath } from "next/cache";
import { ApiProblem, api } from "@/lib/api";
import type { FormResult } from "@/lib/form-result";

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
      fieldErrors: Object.fromEntries(
        parsed.error.issues.map((i) => [`/${String(i.path[0] ?? "")}`, i.message]),
      ),
    };
  }
  try {
    await api(ZAdvisorySettings, "/v1/advisories/settings", { method: "PUT", body: parsed.data });
  } catch (error) {
    if (error instanceof ApiProblem) return { ok: false, message: error.problem.detail, fieldErrors: {} };
    throw error;
  }
  revalidatePath("/advisories/settings");
  return { ok: true, message: "Saved." };
}
