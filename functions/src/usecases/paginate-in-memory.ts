import { AppError } from "../app-error";
import { decodeCursor, encodeCursor, InvalidCursor } from "../db/items";

/**
 * One page of a list that was read whole and sorted in memory (a tenant's sites, a site's obligations: bounded
 * sets). The cursor is the offset, checked like every cursor; a tampered one answers 400 invalid_cursor.
 */
export function paginate<T>(
  items: readonly T[],
  query: { limit: number; cursor?: string | undefined },
): { items: T[]; nextCursor?: string; total: number } {
  let offset = 0;
  try {
    const decoded = decodeCursor(query.cursor, { attributes: ["offset"] });
    offset = decoded ? Number(decoded.offset) : 0;
  } catch (error) {
    if (error instanceof InvalidCursor) throw new AppError("invalid_cursor", "Start again without a cursor.");
    throw error;
  }
  if (!Number.isInteger(offset) || offset < 0)
    throw new AppError("invalid_cursor", "Start again without a cursor.");
  const page = items.slice(offset, offset + query.limit);
  const next = offset + page.length;
  return {
    items: page,
    total: items.length,
    ...(next < items.length ? { nextCursor: encodeCursor({ offset: String(next) }) as string } : {}),
  };
}

export function compareBy<T>(value: (item: T) => string | number | undefined, order: "asc" | "desc") {
  const direction = order === "desc" ? -1 : 1;
  return (left: T, right: T) => {
    const [a, b] = [value(left), value(right)];
    if (a === b) return 0;
    if (a === undefined) return 1;
    if (b === undefined) return -1;
    return (a < b ? -1 : 1) * direction;
  };
}
