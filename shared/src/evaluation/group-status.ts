/** How a zone or conduit stands, for people: a zone without assets has nothing to evaluate (neither pass nor fail). */
export type TGroupStatus = "compliant" | "not_compliant" | "empty";

export function groupStatus(group: { compliant: boolean; empty?: boolean }): TGroupStatus {
  if (group.empty) return "empty";
  return group.compliant ? "compliant" : "not_compliant";
}

export const GROUP_STATUS_LABELS: Record<TGroupStatus, string> = {
  compliant: "Compliant",
  not_compliant: "Not compliant",
  empty: "No assets yet",
};

/** What a zone without assets says wherever its status is shown. */
export const EMPTY_ZONE_TEXT = "No assets yet: nothing to evaluate.";
