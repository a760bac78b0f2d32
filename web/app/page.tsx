import { redirect } from "next/navigation";
import { requireContext } from "@/lib/session";

/** Home sends each tenant kind to where its work is. */
export default async function Home() {
  const { membership } = await requireContext();
  if (membership.tenantKinds.includes("supplier")) redirect("/components");
  if (membership.tenantKinds.includes("asset_owner")) redirect("/sites");
  redirect("/catalog");
}
