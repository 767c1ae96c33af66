import { z } from 'zod';
import { REGISTRY_ENTITIES } from '../../../formats/registry-sheet/entities.ts';

export const importSummarySchema = z.object({
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  errors: z.array(z.object({ sheet: z.string().optional(), row: z.number(), message: z.string() })),
});

export const importQuery = z.strictObject({ entity: z.enum(REGISTRY_ENTITIES).optional() });
export const dryRunReply = z.object({
  fileName: z.string(),
  summary: importSummarySchema,
  /** present when every row is valid: commit with it */
  token: z.string().nullable(),
});
export const commitParams = z.strictObject({ token: z.string().min(20).max(100) });
export const commitReply = z.object({ committed: z.boolean(), summary: importSummarySchema });
export const exportQuery = z.strictObject({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  entity: z.enum(REGISTRY_ENTITIES).optional(),
});
