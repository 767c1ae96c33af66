import { z } from 'zod';
import { PATH_MAX } from '../../../engines/siem-mapping/path.ts';
import { pageOf, pageQuery } from '../../../platform/pagination.ts';
import { line } from '../../../platform/text.ts';
import { OBSERVABLE_TYPES, REPORT_STATUSES } from '../../../shared/vocabulary.ts';
import { SIEM_AUTH_MODES, SIEM_KINDS } from './tables.ts';

const path = z.string().trim().min(1).max(PATH_MAX);
const optPath = path.nullable().optional();

export const mappingSchema = z.strictObject({
  externalId: optPath,
  title: path,
  description: optPath,
  level: optPath,
  levelNames: z.record(z.string().trim().min(1).max(50), z.number().int().min(-1000).max(1000)).optional(),
  detectedAt: optPath,
  observables: z
    .array(
      z.strictObject({
        path,
        type: z.enum([...OBSERVABLE_TYPES, 'ip', 'hash']),
        group: z.boolean().default(true),
      }),
    )
    .max(50)
    .default([]),
});
export type MappingInput = z.infer<typeof mappingSchema>;

const level = z.number().int().min(-1000).max(1000);
const windowMinutes = z.number().int().min(0).max(10080);

export const sourceCreateBody = z.strictObject({
  name: line(200),
  kind: z.enum(SIEM_KINDS),
  organisationId: z.uuid().nullable().optional(),
  authMode: z.enum(SIEM_AUTH_MODES).default('hmac'),
  mapping: mappingSchema.nullable().optional(),
  minLevel: level.optional(),
  groupWindowMinutes: windowMinutes.optional(),
});
export type SourceCreateInput = z.infer<typeof sourceCreateBody>;

export const sourceUpdateBody = z.strictObject({
  name: line(200).optional(),
  organisationId: z.uuid().nullable().optional(),
  authMode: z.enum(SIEM_AUTH_MODES).optional(),
  mapping: mappingSchema.nullable().optional(),
  minLevel: level.optional(),
  groupWindowMinutes: windowMinutes.optional(),
  enabled: z.boolean().optional(),
  /** a new HMAC secret or token, shown once */
  rotateSecret: z.boolean().optional(),
});
export type SourceUpdateInput = z.infer<typeof sourceUpdateBody>;

export const sourceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(SIEM_KINDS),
  organisation: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  authMode: z.enum(SIEM_AUTH_MODES),
  mapping: z.unknown().nullable(),
  minLevel: z.number(),
  groupWindowMinutes: z.number(),
  enabled: z.boolean(),
  endpointPath: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  alerts: z.object({ last24h: z.number(), total: z.number(), lastReceivedAt: z.string().nullable() }),
});

export const sourceList = z.object({ items: z.array(sourceSchema) });
/** the secret (hmac) or token, present only when just created or rotated */
export const sourceWithSecret = z.object({ item: sourceSchema, secret: z.string().nullable() });

export const alertSchema = z.object({
  id: z.uuid(),
  externalId: z.string(),
  title: z.string(),
  level: z.number().nullable(),
  queued: z.boolean(),
  detectedAt: z.string().nullable(),
  receivedAt: z.string(),
  groupKeys: z.array(z.string()),
  report: z.object({ id: z.uuid(), trackingNo: z.string(), status: z.enum(REPORT_STATUSES) }),
  source: z.object({ id: z.uuid(), name: z.string() }),
});
export const alertPage = pageOf(alertSchema);
export const alertQuery = z.strictObject({ ...pageQuery });
export const reportAlerts = z.object({
  items: z.array(alertSchema.extend({ raw: z.string(), rawTruncated: z.boolean() })),
});

export const previewBody = z.strictObject({
  kind: z.enum(SIEM_KINDS),
  mapping: mappingSchema.nullable().optional(),
  minLevel: level.optional(),
  /** the alert JSON as pasted (text: a paste that is not JSON is a clear answer, not a 400) */
  alert: z.string().max(1024 * 512),
});
export const previewResult = z.object({
  ok: z.boolean(),
  problems: z.string().nullable(),
  alert: z
    .object({
      externalId: z.string().nullable(),
      title: z.string(),
      description: z.string(),
      level: z.number().nullable(),
      detectedAt: z.string().nullable(),
      queued: z.boolean(),
      observables: z.array(z.object({ type: z.string(), value: z.string(), group: z.boolean() })),
      invalidObservables: z.array(z.string()),
    })
    .nullable(),
});

export const webhookParams = z.strictObject({ sourceId: z.string().max(100) });
export const webhookReply = z.object({
  alertId: z.uuid(),
  reportId: z.uuid(),
  trackingNo: z.string(),
  /** true: this alert joined an earlier alert's report */
  grouped: z.boolean(),
  /** false: below the source's level, stored as a logged report outside the triage queue */
  queued: z.boolean(),
  /** false: a replay of an alert already received (same external id) */
  created: z.boolean(),
});
export type PreviewInput = z.infer<typeof previewBody>;
