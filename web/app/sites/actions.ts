"use server";

import { ZEvidence, ZEvidenceUpload, ZEvidenceUploadRequest } from "@assure/shared";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { ApiProblem, api } from "@/lib/api";
import type { FormResult } from "@/lib/form-result";

type Method = "POST" | "PATCH" | "DELETE";

/**
 * One mutation of the site model through the API, as the signed-in user; answers a FormResult with field
 * errors keyed by JSON pointer, and refreshes the site's pages.
 */
export async function siteMutation(input: {
  method: Method;
  path: string;
  body?: unknown;
  version?: number;
  siteId?: string;
  message: string;
  redirectTo?: string;
}): Promise<FormResult> {
  if (!input.path.startsWith("/v1/sites") && !input.path.startsWith("/v1/obligations")) {
    return { ok: false, message: "Not a site path.", fieldErrors: {} };
  }
  let created: unknown;
  try {
    created = (
      await api(z.unknown(), input.path, {
        method: input.method,
        ...(input.body === undefined ? {} : { body: input.body }),
        ...(input.version === undefined ? {} : { headers: { "if-match": `"${input.version}"` } }),
      })
    ).data;
  } catch (error) {
    if (error instanceof ApiProblem) {
      return {
        ok: false,
        message: error.problem.detail,
        fieldErrors: Object.fromEntries((error.problem.errors ?? []).map((e) => [e.path, e.message])),
      };
    }
    throw error;
  }
  if (input.siteId) revalidatePath(`/sites/${input.siteId}`, "layout");
  revalidatePath("/sites");
  if (input.redirectTo) {
    const id = z.object({ id: z.string() }).safeParse(created);
    redirect(input.redirectTo.replace(":id", id.success ? id.data.id : ""));
  }
  return { ok: true, message: input.message };
}

/** Announces an evidence file for an obligation; the answer says where the browser sends the bytes. */
export async function announceObligationEvidence(
  input: unknown,
): Promise<{ ok: true; upload: z.infer<typeof ZEvidenceUpload> } | { ok: false; message: string }> {
  const parsed = ZEvidenceUploadRequest.safeParse(input);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Not a valid file." };
  try {
    const { data } = await api(ZEvidenceUpload, "/v1/evidence/uploads", {
      method: "POST",
      body: parsed.data,
    });
    return { ok: true, upload: data };
  } catch (error) {
    if (error instanceof ApiProblem) return { ok: false, message: error.problem.detail };
    throw error;
  }
}

/** After a presigned upload (AWS): the API checks the size and SHA-256 of what arrived. */
export async function completeObligationEvidence(
  evidenceId: string,
): Promise<{ ok: true } | { ok: false; message: string }> {
  if (!/^[0-9a-z]{26}$/.test(evidenceId)) return { ok: false, message: "Not an evidence id." };
  try {
    await api(ZEvidence, `/v1/evidence/${evidenceId}/complete`, { method: "POST" });
    return { ok: true };
  } catch (error) {
    if (error instanceof ApiProblem) return { ok: false, message: error.problem.detail };
    throw error;
  }
}
