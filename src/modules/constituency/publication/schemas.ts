import { z } from 'zod';
import { pageOf, pageQuery } from '../../../platform/pagination.ts';
import { PUBLICATION_RESULTS, PUBLICATION_STATUSES } from '../../../shared/vocabulary.ts';

export const portalUrlField = z
  .string()
  .trim()
  .max(2000)
  .pipe(z.url({ protocol: /^https?$/, normalize: true }))
  .refine((value) => {
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    return !url.username && !url.password && url.hostname !== '';
  }, 'an http(s) address without user name or password');

export const portalBody = z.strictObject({ url: portalUrlField.nullable() });

export const checkedValue = z.object({ kind: z.enum(['email', 'phone']), value: z.string() });

export const checkSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  url: z.string(),
  checkedAt: z.string(),
  finalUrl: z.string().nullable(),
  httpStatus: z.number().nullable(),
  sha256: z.string().nullable(),
  bytes: z.number().nullable(),
  found: z.array(checkedValue),
  missing: z.array(checkedValue),
  result: z.enum(PUBLICATION_RESULTS),
  error: z.string().nullable(),
  trigger: z.enum(['schedule', 'manual']),
  checkedBy: z.uuid().nullable(),
});

export const portalSchema = z.object({ url: z.string(), updatedAt: z.string() });

export const publicationSchema = z.object({
  organisationId: z.uuid(),
  portal: portalSchema.nullable(),
  latest: checkSchema.nullable(),
});

export const checksQuery = z.strictObject({ ...pageQuery });
export const checksPage = pageOf(checkSchema);

export const statusQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(PUBLICATION_STATUSES).optional(),
  q: z.string().max(200).optional(),
});

export const statusRow = z.object({
  organisation: z.object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    nameEn: z.string().nullable(),
    kind: z.string(),
  }),
  url: z.string().nullable(),
  status: z.enum(PUBLICATION_STATUSES),
  latest: checkSchema.nullable(),
});
export const statusPage = pageOf(statusRow);
export const statusSummary = z.object({ byStatus: z.record(z.string(), z.number()), total: z.number() });
