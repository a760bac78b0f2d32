import { z } from "zod";

/** Shared OpenAPI response pieces. */
export const ZProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  code: z.string(),
  detail: z.string(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string(), in: z.string().optional() })).optional(),
});

export const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: "Problem", content: { "application/problem+json": { schema: ZProblem } } },
    ]),
  );

export const jsonBody = <T extends z.ZodType>(schema: T, description = "JSON body") => ({
  required: true,
  description,
  content: { "application/json": { schema } },
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const ZIdParam = z.object({ id: z.string().regex(/^[0-9a-z]{26}$/, "not an id") });

export const ZIfMatchHeader = z.object({ "if-match": z.string().optional() });

export const bearerSecurity = [{ bearer: [] }];
