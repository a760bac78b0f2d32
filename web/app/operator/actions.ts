"use server";

import { ZTenant } from "@assure/shared";
import { revalidatePath } from "next/cache";
import { ApiProblem, api } from "@/lib/api";

export async function setVerificationAction(
  tenantId: string,
  verified: boolean,
  method: string,
): Promise<{ ok: boolean; message: string }> {
  try {
    await api(ZTenant, `/v1/tenants/${tenantId}/supplier-verification`, {
      method: "PUT",
      body: { verified, method },
    });
    revalidatePath("/operator");
    return { ok: true, message: verified ? "Verified." : "Verification removed." };
  } catch (error) {
    if (error instanceof ApiProblem)
      return { ok: false, message: error.problem.errors?.[0]?.message ?? error.problem.detail };
    throw error;
  }
}
