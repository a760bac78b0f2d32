"use server";

import {
  ZCertification,
  ZCertificationInput,
  ZComponent,
  ZComponentInput,
  ZEvidence,
  ZEvidenceUpload,
  ZEvidenceUploadRequest,
} from "@assure/shared";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { ApiProblem, api } from "@/lib/api";
import { type FormResult, issuesToFieldErrors } from "@/lib/form-result";

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

export async function withdrawComponentAction(id: string, version: number): Promise<FormResult> {
  try {
    await api(ZComponent, `/v1/components/${id}/withdraw`, {
      method: "POST",
      headers: { "if-match": `"${version}"` },
    });
  } catch (error) {
    return problemResult(error);
  }
  revalidatePath(`/components/${id}`);
  revalidatePath("/components");
  return { ok: true, message: "Withdrawn. The component left the catalog; its claims no longer count." };
}

const ZDirectoryEntry = z.object({ id: z.string(), slug: z.string(), name: z.string() });

/** Finds a customer tenant by its exact slug, for the visibility picker. */
export async function lookupTenantAction(
  slug: string,
): Promise<{ ok: true; tenant: z.infer<typeof ZDirectoryEntry> } | { ok: false; message: string }> {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug))
    return { ok: false, message: "A slug has lower-case letters, digits and dashes." };
  try {
    const { data } = await api(ZDirectoryEntry, `/v1/tenant-directory?slug=${encodeURIComponent(slug)}`);
    return { ok: true, tenant: { id: data.id, slug: data.slug, name: data.name } };
  } catch (error) {
    if (error instanceof ApiProblem && error.problem.status === 404)
      return { ok: false, message: `No tenant with the slug "${slug}".` };
    if (error instanceof ApiProblem) return { ok: false, message: error.problem.detail };
    throw error;
  }
}

export async function saveCertificationAction(
  target: { id: string; version: number } | null,
  input: unknown,
): Promise<FormResult> {
  const parsed = ZCertificationInput.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      message: "Some fields need attention.",
      fieldErrors: fieldErrorsOf(parsed.error.issues),
    };
  }
  let id: string;
  try {
    const saved = target
      ? await api(ZCertification, `/v1/certifications/${target.id}`, {
          method: "PUT",
          body: parsed.data,
          headers: { "if-match": `"${target.version}"` },
        })
      : await api(ZCertification, "/v1/certifications", { method: "POST", body: parsed.data });
    id = saved.data.id;
  } catch (error) {
    return problemResult(error);
  }
  revalidatePath("/components/certifications");
  if (!target) redirect(`/components/certifications/${id}?created=1`);
  revalidatePath(`/components/certifications/${id}`);
  return { ok: true, message: "Certification saved." };
}

/** Announces an evidence upload; the answer says where the browser sends the bytes. */
export async function announceEvidenceAction(
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

/** After a presigned upload (AWS): the API checks size and SHA-256 of what arrived. */
export async function completeEvidenceAction(
  evidenceId: string,
): Promise<{ ok: true; evidence: z.infer<typeof ZEvidence> } | { ok: false; message: string }> {
  try {
    const { data } = await api(ZEvidence, `/v1/evidence/${evidenceId}/complete`, { method: "POST" });
    return { ok: true, evidence: data };
  } catch (error) {
    if (error instanceof ApiProblem) return { ok: false, message: error.problem.detail };
    throw error;
  }
}

const fieldErrorsOf = issuesToFieldErrors;
