import { z } from "zod";

/**
 * Validation messages for people. Zod's defaults are written for developers ("Too small: expected string to have
 * >=2 characters", "Invalid ISO date"); wherever a person can read a validation message (the API's `errors[]`, the
 * portal's forms) it says which field, in words, and what to do. Messages a schema author wrote stay as written.
 */

const LABELS: Record<string, string> = {
  slT: "SL-T",
  slC: "SL-C",
  frs: "FRs",
  fr: "FR",
  cpe: "CPE",
  purl: "Package URL",
  url: "URL",
  webhookUrl: "Webhook URL",
  responsibleTenantId: "Responsible organisation",
  supplierTenantId: "Supplier",
  integratorTenantId: "Responsible integrator",
  tenantIds: "Customers",
  componentId: "Component",
  zoneId: "Zone",
  conduitId: "Conduit",
  fromZoneId: "From zone",
  toZoneId: "To zone",
  certificationId: "Certification",
  raisesTo: "Raises to",
  dueDate: "Due date",
  slTInherited: "SL-T inherited",
};

/** The field a path points at, in words: `responsibleTenantId` → "Responsible organisation", `[claims, 0]` → "Claims item 1". */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const last = path.at(-1);
  if (last === undefined) return "The request";
  if (typeof last === "number") return `${fieldLabel(path.slice(0, -1))} item ${last + 1}`;
  const key = String(last);
  if (LABELS[key]) return LABELS[key];
  const words = key
    .replace(/Id$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const english = z.locales.en();

/** True when zod wrote the message itself (no schema author gave one). */
function isZodDefault(issue: z.core.$ZodIssue): boolean {
  const fallback = english.localeError(issue as Parameters<typeof english.localeError>[0]);
  const text = typeof fallback === "string" ? fallback : fallback?.message;
  // invalid_type defaults name the received type, which the issue does not keep.
  return (
    issue.message === text || (issue.code === "invalid_type" && issue.message.startsWith("Invalid input"))
  );
}

const plural = (n: number | bigint, word: string, words = `${word}s`) =>
  `${n} ${Number(n) === 1 ? word : words}`;

const TYPE_WORDS: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  date: "a date",
};

const FORMAT_WORDS: Record<string, string> = {
  date: "a date like 2026-12-31",
  datetime: "a date and time like 2026-12-31T09:30:00Z",
  email: "an e-mail address",
  url: "a web address (https://…)",
  uuid: "a UUID",
};

/** One validation issue as a person should read it: the field in words and what to do. */
export function humanIssue(issue: z.core.$ZodIssue): string {
  const label = fieldLabel(issue.path);
  const last = issue.path.at(-1);
  if (issue.code === "invalid_format" && typeof last === "string" && /Id$|^id$/.test(last))
    return `${label}: choose one from the list.`;
  if (!isZodDefault(issue)) return issue.message;
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "string")
        return Number(issue.minimum) <= 1
          ? `${label} is required.`
          : `${label} needs at least ${plural(issue.minimum, "character")}.`;
      if (issue.origin === "array" || issue.origin === "set")
        return `${label} needs at least ${plural(issue.minimum, "entry", "entries")}.`;
      return `${label} must be ${issue.minimum} or more.`;
    case "too_big":
      if (issue.origin === "string")
        return `${label} can have at most ${plural(issue.maximum, "character")}.`;
      if (issue.origin === "array" || issue.origin === "set")
        return `${label} can have at most ${plural(issue.maximum, "entry", "entries")}.`;
      return `${label} can be at most ${issue.maximum}.`;
    case "invalid_format":
      return `${label} must be ${FORMAT_WORDS[issue.format] ?? "in the expected form"}.`;
    case "invalid_value":
      return `${label} must be one of: ${issue.values.map(String).join(", ")}.`;
    case "invalid_type":
      return issue.message.endsWith("received undefined")
        ? `${label} is required.`
        : `${label} must be ${TYPE_WORDS[issue.expected] ?? issue.expected}.`;
    case "unrecognized_keys":
      return `${label}: remove the unknown field${issue.keys.length === 1 ? "" : "s"} ${issue.keys.join(", ")}.`;
    case "not_multiple_of":
      return `${label} must be a multiple of ${issue.divisor}.`;
    default:
      return `${label} is not valid.`;
  }
}

/** The detail of a validation failure: which fields, in words ("Check Name and Version."). */
export function invalidFieldsDetail(paths: readonly (readonly PropertyKey[])[]): string {
  const labels = [...new Set(paths.map((path) => fieldLabel(path)))];
  if (labels.length === 0) return "Some fields are not valid.";
  const listed =
    labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(", ")} and ${labels.at(-1) ?? ""}`;
  return `Check ${listed}: each problem is listed in errors[] with the field and what to do.`;
}
