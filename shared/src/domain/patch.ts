import { z } from "zod";

type WithoutDefault<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;

/** The fields of a create schema, each optional and without its default. */
export type TPatchShape<Shape extends z.ZodRawShape> = {
  [K in keyof Shape]: z.ZodOptional<WithoutDefault<Shape[K]>>;
};

/**
 * The PATCH form of a create schema: every field optional and no field defaulted. Zod's own `.partial()` keeps
 * `.default()`, so a PATCH that leaves out `role` would parse to `role: ""` and write it over the stored value.
 */
export function patchOf<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
): z.ZodObject<TPatchShape<Shape>> {
  const fields = Object.entries(schema.shape).map(([key, field]) => {
    const bare = field instanceof z.ZodDefault ? field.removeDefault() : field;
    return [key, z.optional(bare)] as const;
  });
  // The mapped type above says what each entry is; Object.fromEntries cannot carry per-key types.
  return z.object(Object.fromEntries(fields)) as unknown as z.ZodObject<TPatchShape<Shape>>;
}
