"use server";

import { ZComponent, ZComponentInput } from "@assure/shared";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { ApiProblem, api } from "@/lib/api";
import type { FormResult } from "@/lib/form-result";

function problemResult(error: unknown): FormResult {
  if (error instanceof ApiProblem) {
    return {
      ok: false,
      message: error.problem.detail,
      fieldErrors: Object.fromEntries((error.problem.errors ?? []).map((e) => [e.path, e.message])),
    };
  }
  throw error;
}

export async function createComponentAction(input: unknown): Promise<FormResult> {
  const parsed = ZComponentInput.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      message: "Some fields need attention.",
      fieldErrors: fieldErrorsOf(parsed.error.issues),
    };
  }
  let id: string;
  try {
    id = (await api(ZComponent, "/v1/components", { method: "POST", body: parsed.data })).data.id;
  } catch (error) {
    return problemResult(error);
  }
  revalidatePath("/components");
  redirect(`/components/${id}?created=1`);
}

export async function updateComponentAction(
  id: string,
  version: number,
  input: unknown,
): Promise<FormResult> {
  const parsed = ZComponentInput.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      message: "Some fields need attention.",
      fieldErrors: fieldErrorsOf(parsed.error.issues),
    };
  }
  try {
    await api(ZComponent, `/v1/components/${id}`, {
      method: "PATCH",
      body: parsed.data,
      headers: { "if-match": `"${version}"` },
    });
  } catch (error) {
    return problemResult(error);
  }
  revalidatePath(`/components/${id}`);
  return { ok: true, message: "Draft saved." };
}

export async function publishComponentAction(id: string, version: number): Promise<FormResult> {
  try {
    await api(ZComponent, `/v1/components/${id}/publish`, {
      method: "POST",
      headers: { "if-match": `"${version}"` },
    });
  } catch (error) {
    return problemResult(error);
  }
  revalidatePath(`/components/${id}`);
  revalidatePath("/components");
  return { ok: true, message: "Published. Other tenants now see this revision in the catalog." };
}

function fieldErrorsOf(issues: { path: PropertyKey[]; message: string }[]): Record<string, string> {
  return Object.fromEntries(issues.map((issue) => [`/${issue.path.map(String).join("/")}`, issue.message]));
}
