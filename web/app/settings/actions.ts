"use server";

import { ZApiKey, ZCreateApiKeyInput } from "@assure/shared";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { ApiProblem, api } from "@/lib/api";

export type CreateKeyResult =
  | { ok: true; secret: string; name: string }
  | { ok: false; message: string; fieldErrors: Record<string, string> };

export async function createApiKeyAction(input: unknown): Promise<CreateKeyResult> {
  const parsed = ZCreateApiKeyInput.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      message: "Some fields need attention.",
      fieldErrors: Object.fromEntries(parsed.error.issues.map((i) => [`/${i.path.join("/")}`, i.message])),
    };
  }
  try {
    const { data } = await api(z.object({ apiKey: ZApiKey, secret: z.string() }), "/v1/api-keys", {
      method: "POST",
      body: parsed.data,
    });
    revalidatePath("/settings");
    return { ok: true, secret: data.secret, name: data.apiKey.name };
  } catch (error) {
    if (error instanceof ApiProblem) return { ok: false, message: error.problem.detail, fieldErrors: {} };
    throw error;
  }
}

export async function revokeApiKeyAction(id: string): Promise<{ ok: boolean; message: string }> {
  try {
    await api(ZApiKey, `/v1/api-keys/${id}`, { method: "DELETE" });
    revalidatePath("/settings");
    return { ok: true, message: "Revoked." };
  } catch (error) {
    if (error instanceof ApiProblem) return { ok: false, message: error.problem.detail };
    throw error;
  }
}

const ZRevoked = z.object({ sessionsRevokedAt: z.string() });

/** Signs the caller out everywhere; this session ends too, so the portal goes to the signed-out page. */
export async function signOutEverywhereAction(): Promise<{ ok: boolean; message: string }> {
  try {
    await api(ZRevoked, "/v1/me/sessions/revoke", { method: "POST" });
  } catch (error) {
    if (error instanceof ApiProblem) return { ok: false, message: error.problem.detail };
    throw error;
  }
  redirect("/signed-out");
}

/** An admin signs a member out of this organisation (their sessions elsewhere are not affected). */
export async function signMemberOutAction(userId: string): Promise<{ ok: boolean; message: string }> {
  try {
    await api(ZRevoked, `/v1/tenants/current/members/${encodeURIComponent(userId)}/sessions/revoke`, {
      method: "POST",
    });
    return { ok: true, message: "Signed out. They must sign in again to use this organisation." };
  } catch (error) {
    if (error instanceof ApiProblem) return { ok: false, message: error.problem.detail };
    throw error;
  }
}
