"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { api } from "@/lib/api";

const ZMarked = z.object({ marked: z.number(), unread: z.number() });

export async function markReadAction(formData: FormData): Promise<void> {
  const id = z
    .string()
    .regex(/^[0-9a-f]{26}$/)
    .parse(formData.get("id"));
  await api(ZMarked, "/v1/inbox/read", { method: "POST", body: { ids: [id] } });
  revalidatePath("/inbox");
}

export async function markAllReadAction(): Promise<void> {
  await api(ZMarked, "/v1/inbox/read-all", { method: "POST" });
  revalidatePath("/inbox");
}
