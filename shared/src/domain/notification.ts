import { z } from "zod";
import { ZId, ZIsoDateTime } from "./ids";

/** A message in a tenant's in-portal inbox; e-mail and webhooks carry the same content. */
export const NOTIFICATION_KINDS = [
  "advisory_impact",
  "advisory_review",
  "advisory_fix_requested",
  "advisory_validation_requested",
  /** A supplier's certification enters a reminder window before expiry, or expired. */
  "certificate_expiry",
  /** An asset owner shared a site with the tenant, changed its access, or withdrew it. */
  "site_shared",
  /** The tenant became (or stopped being) a site's responsible integrator. */
  "integrator_named",
  /** Obligations on a site were assigned to the tenant. */
  "obligation_assigned",
  /** Another organisation changed the status, due date or waiver of an obligation the tenant owes or is owed. */
  "obligation_changed",
] as const;
export const ZNotificationKind = z.enum(NOTIFICATION_KINDS);
export type TNotificationKind = z.infer<typeof ZNotificationKind>;

export const ZNotification = z.object({
  id: z.string(),
  tenantId: ZId,
  kind: ZNotificationKind,
  title: z.string(),
  body: z.string(),
  /** A portal path, e.g. /advisories/<id>. */
  link: z.string(),
  /** What the notification is about, e.g. `advisory:<id>`; with `kind` it makes delivery idempotent. */
  subject: z.string(),
  createdAt: ZIsoDateTime,
  readAt: ZIsoDateTime.nullable(),
});
export type TNotification = z.infer<typeof ZNotification>;

export const ZInboxPage = z.object({
  items: z.array(ZNotification),
  unread: z.number().int().min(0),
  nextCursor: z.string().optional(),
});
export type TInboxPage = z.infer<typeof ZInboxPage>;
