import {
  buildSupplierCsaf,
  type TAdvisory,
  type TAdvisoryImportResult,
  type TAuthoredAdvisory,
  type TComponent,
  type TRevisionEntry,
  type TTenant,
  ZAuthoredAdvisoryInput,
  ZComponent,
} from "@assure/shared";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { batchGetItems } from "../db/batch";
import { parseItems } from "../db/items";
import { keys } from "../db/keys";
import { ProviderPathTaken } from "../repos/advisories";
import { type ImportAdvisoryDeps, importAdvisory } from "./import-advisory";
import { publisherNamespace } from "./publisher-namespaces";

/**
 * Advisories a supplier writes in the portal: the input becomes a CSAF 2.0 document (shared builder), which is
 * then imported like any uploaded document — validated by the same validator, stored unchanged, matched (its
 * products are declared, so they match the named components with confidence 1) and served by the provider.
 */

export class AuthoringRefused extends Error {
  constructor(
    message: string,
    readonly errors: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** The next tracking id of a supplier: `<SLUG>-SA-<year>-<nnn>` from an atomic counter. */
async function nextTrackingId(deps: ImportAdvisoryDeps, supplier: TTenant, year: number): Promise<string> {
  const answer = await deps.db.doc.send(
    new UpdateCommand({
      TableName: deps.db.tableName,
      Key: keys.advisorySequence(supplier.id),
      UpdateExpression: "ADD #seq :one SET #type = :type",
      ExpressionAttributeNames: { "#seq": "seq", "#type": "type" },
      ExpressionAttributeValues: { ":one": 1, ":type": "advisorySequence" },
      ReturnValues: "UPDATED_NEW",
    }),
  );
  const seq = z.object({ seq: z.number() }).parse(answer.Attributes).seq;
  return `${supplier.slug.toUpperCase()}-SA-${year}-${String(seq).padStart(3, "0")}`;
}

/** The supplier's own published components named by the input, in one BatchGet; anything else is refused. */
async function ownComponents(deps: ImportAdvisoryDeps, supplier: TTenant, input: TAuthoredAdvisory) {
  const ids = input.products.map((p) => p.componentId);
  const found = parseItems(
    ZComponent,
    await batchGetItems(
      deps.db,
      ids.map((id) => keys.component(supplier.id, id)),
    ),
  );
  const byId = new Map(found.map((c) => [c.id, c]));
  const errors = ids.flatMap((id, i) => {
    const component = byId.get(id);
    if (!component) return [{ path: `/products/${i}/componentId`, message: "not one of your components" }];
    if (component.status !== "published") {
      return [
        {
          path: `/products/${i}/componentId`,
          message: "publish the component before writing advisories about it",
        },
      ];
    }
    return [];
  });
  if (errors.length) throw new AuthoringRefused("Some products are not your published components.", errors);
  return ids.map((id) => byId.get(id)).filter((c): c is TComponent => c !== undefined);
}

export async function authorAdvisory(
  deps: ImportAdvisoryDeps,
  input: {
    supplier: TTenant;
    actor: string;
    advisory: TAuthoredAdvisory;
    /** Set when publishing a new revision of an authored advisory. */
    previous?: { advisory: TAdvisory; history: TRevisionEntry[] } | undefined;
  },
): Promise<TAdvisoryImportResult> {
  const components = await ownComponents(deps, input.supplier, input.advisory);
  const now = deps.now().toISOString();
  for (let attempt = 0; ; attempt++) {
    const trackingId =
      input.previous?.advisory.trackingId ??
      (await nextTrackingId(deps, input.supplier, new Date(now).getUTCFullYear()));
    try {
      return await publish(trackingId);
    } catch (error) {
      // A new advisory's number is the portal's to choose: one whose provider file is already served for
      // another advisory (the supplier's own under a verified namespace, or data older than the reserved
      // prefix) is skipped, not reported. A revision keeps its tracking id, so its conflict is the answer.
      if (error instanceof ProviderPathTaken && !input.previous && attempt < 2) continue;
      throw error;
    }
  }

  function publish(trackingId: string) {
    const { document, declaredProducts } = buildSupplierCsaf({
      advisory: input.advisory,
      components: components.map((c) => ({
        id: c.id,
        vendor: c.vendor,
        name: c.name,
        identifiers: c.identifiers,
      })),
      publisher: { name: input.supplier.name, namespace: publisherNamespace(input.supplier.slug) },
      trackingId,
      history: input.previous?.history ?? [],
      initialReleaseDate: input.previous?.advisory.initialReleaseDate,
      now,
    });
    const bytes = new TextEncoder().encode(`${JSON.stringify(document, null, 2)}\n`);
    return importAdvisory(deps, {
      importer: {
        kind: "supplier",
        actor: input.actor,
        tenant: input.supplier,
        vendorNames: [...new Set([input.supplier.name, ...components.map((c) => c.vendor)])],
      },
      bytes,
      strict: true,
      declared: declaredProducts,
      restrictedTo: input.advisory.tlp === "WHITE" ? [] : input.advisory.restrictedTo,
      source: "authored",
      authored: input.advisory,
    });
  }
}

/** The revision history of a stored authored document (read back from the document itself). */
export function revisionHistoryOf(document: unknown): TRevisionEntry[] {
  return z
    .object({
      document: z.object({
        tracking: z.object({
          revision_history: z.array(z.object({ number: z.string(), date: z.string(), summary: z.string() })),
        }),
      }),
    })
    .parse(document).document.tracking.revision_history;
}

export { ZAuthoredAdvisoryInput };
