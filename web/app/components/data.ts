import "server-only";
import { certificationState, ZCertification } from "@assure/shared";
import { z } from "zod";
import { api } from "@/lib/api";
import type { PortalContext } from "@/lib/session";
import type { CertificationOption } from "./component-form";

export const today = () => new Date().toISOString().slice(0, 10);

export async function loadCertifications(context?: PortalContext) {
  const { data } = await api(
    z.object({ items: z.array(ZCertification) }),
    "/v1/certifications",
    context ? { context } : {},
  );
  return data.items;
}

/** The supplier's certifications as choices for a claim, with their state today. */
export async function certificationOptions(context?: PortalContext): Promise<CertificationOption[]> {
  const date = today();
  return (await loadCertifications(context)).map((c) => {
    const { state } = certificationState(c, date);
    const note =
      state === "valid" ? (c.expires ? `valid until ${c.expires}` : "valid") : state.replaceAll("_", " ");
    return { id: c.id, label: `${c.scheme} · ${c.certificateNo} (${note})` };
  });
}
