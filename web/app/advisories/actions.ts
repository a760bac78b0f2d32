"use server";

import {
  ZAdvisoryImportResult,
  ZAuthoredAdvisoryInput,
  ZMatchDecision,
  ZMatchDecisionInput,
} from "@assure/shared";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { ApiProblem, api } from "@/lib/api";
import { type FormResult, issuesToFieldErrors } from "@/lib/form-result";

const ZTenantRef = z.object({ id: z.string(), slug: z.string() });

const ZIds = z.object({
  advisoryId: z.string().regex(/^[0-9a-f]{26}$/),
  componentId: z.string().regex(/^[0-9a-z]{26}$/),
});

/** Confirm or reject a product match (the component's supplier for everyone, an asset owner for itself). */
export async function decideMatchAction(formData: FormData): Promise<void> {
  const ids = ZIds.parse({
    advisoryId: formData.get("advisoryId"),
    componentId: formData.get("componentId"),
  });
  const decision = ZMatchDecisionInput.parse({
    verdict: formData.get("verdict"),
    note: formData.get("note") ?? "",
  });
  await api(ZMatchDecision, `/v1/advisories/${ids.advisoryId}/matches/${ids.componentId}/decision`, {
    method: "POST",
    body: decision,
  });
  revalidatePath(`/advisories/${ids.advisoryId}`);
}

const fieldErrorsOf = issuesToFieldErrors;

/** Publishes what a supplier wrote (new, or a new revision with the ETag it read). */
export async function publishAuthoredAction(
  input: unknown,
  previous?: { id: string; version: number },
): Promise<FormResult> {
  const { restrictedSlugs, ...fields } = z
    .looseObject({ restrictedSlugs: z.string().default("") })
    .parse(input);
  const slugs = restrictedSlugs
    .split(/[,\s]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const readers: string[] = [];
  for (const slug of slugs) {
    try {
      readers.push((await api(ZTenantRef, `/v1/tenant-directory?slug=${encodeURIComponent(slug)}`)).data.id);
    } catch (error) {
      if (error instanceof ApiProblem) {
        return {
          ok: false,
          message: "Some fields need attention.",
          fieldErrors: { "/restrictedTo": `no tenant "${slug}"` },
        };
      }
      throw error;
    }
  }
  const parsed = ZAuthoredAdvisoryInput.safeParse({ ...fields, restrictedTo: readers });
  if (!parsed.success) {
    return {
      ok: false,
      message: "Some fields need attention.",
      fieldErrors: fieldErrorsOf(parsed.error.issues),
    };
  }
  let id: string;
  try {
    const { data } = await api(
      ZAdvisoryImportResult,
      previous ? `/v1/advisories/${previous.id}/authored` : "/v1/advisories/authored",
      {
        method: previous ? "PUT" : "POST",
        body: parsed.data,
        ...(previous ? { headers: { "if-match": `"${previous.version}"` } } : {}),
      },
    );
    id = data.advisory.id;
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
  revalidatePath("/advisories");
  redirect(`/advisories/${id}?published=1`);
}
