"use server";

import { type TSupplierVerificationInput, ZTenant } from "@assure/shared";
import { revalidatePath } from "next/cache";
import { ApiProblem, api } from "@/lib/api";

export async function setVerificationAction(
  tenantId: string,
  input: TSupplierVerificationInput,
): Promise<{ ok: boolean; message: string }> {
  try {
    await api(ZTenant, `/v1/tenants/${tenantId}/supplier-verification`, {
      method: "PUT",
      body: input,
    });
    revalidatePath("/operator");
    return { ok: true, message: input.verified ? "Saved." : "Verification removed." };
  } catch (error) {
    if (error instanceof ApiProblem) {
      const field = error.problem.errors?.[0];
      return { ok: false, message: field ? `${field.path}: ${field.message}` : error.problem.detail };
    }
    throw error;
  }
}
