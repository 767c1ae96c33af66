import { z } from 'zod';
import { pageOf, pageQuery } from '../../../platform/pagination.ts';
import { COMMENT_VISIBILITIES, INDICATOR_TYPES, OBSERVABLE_TYPES, TLP_LEVELS } from '../../../shared/vocabulary.ts';

export const MAX_OBSERVABLES = 10_000;

export const incidentParams = z.strictObject({ id: z.uuid() });
export const observableParams = z.strictObject({ id: z.uuid(), oid: z.uuid() });
export const linkParams = z.strictObject({ id: z.uuid(), otherId: z.uuid() });

const owner = z.object({
  organisation: z.object({ id: z.string(), code: z.string(), name: z.string(), nameEn: z.string().nullable() }),
  system: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
  via: z.string(),
  match: z.string(),
});

export const observableSchema = z.object({
  id: z.string(),
  type: z.enum(OBSERVABLE_TYPES),
  value: z.string(),
  isIoc: z.boolean(),
  tlp: z.enum(TLP_LEVELS),
  note: z.string().nullable(),
  reportId: z.string().nullable(),
  indicatorId: z.string().nullable(),
  firstSeenAt: z.string(),
  createdAt: z.string(),
  owners: z.array(owner),
});
export type ObservableOut = z.infer<typeof observableSchema>;
export const observablePage = pageOf(observableSchema);
export const observableListQuery = z.strictObject({
  ...pageQuery,
  type: z.enum(OBSERVABLE_TYPES).optional(),
  ioc: z.enum(['true', 'false']).optional(),
});

const rawItem = z.strictObject({ type: z.enum(OBSERVABLE_TYPES), value: z.string().max(4096) });
export const observableAddBody = z.strictObject({
  items: z.array(rawItem).max(MAX_OBSERVABLES).optional(),
  text: z
    .string()
    .max(1024 * 1024)
    .optional(),
  isIoc: z.boolean().optional(),
  tlp: z.enum(TLP_LEVELS).optional(),
});
export type ObservableAddInput = z.infer<typeof observableAddBody>;
export const observableAddResult = z.object({
  added: z.number(),
  found: z.array(z.object({ type: z.enum(OBSERVABLE_TYPES), value: z.string() })),
  rejected: z.array(z.object({ type: z.string().nullable(), value: z.string() })),
  truncated: z.boolean(),
});
export const observableUpdateBody = z
  .strictObject({
    isIoc: z.boolean().optional(),
    tlp: z.enum(TLP_LEVELS).optional(),
    note: z.string().max(4000).nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });
export type ObservableUpdateInput = z.infer<typeof observableUpdateBody>;

export const indicatorListQuery = z.strictObject({
  ...pageQuery,
  q: z.string().max(500).optional(),
  type: z.enum(INDICATOR_TYPES).optional(),
});
export const indicatorSchema = z.object({
  id: z.string(),
  type: z.enum(INDICATOR_TYPES),
  value: z.string(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
});
export const indicatorPage = pageOf(indicatorSchema);
export const indicatorDetail = indicatorSchema.extend({
  incidents: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      title: z.string(),
      status: z.string(),
      tlp: z.enum(TLP_LEVELS),
      seenAt: z.string(),
      isIoc: z.boolean(),
    }),
  ),
});

export const timelineEntry = z.object({
  id: z.number(),
  kind: z.string(),
  summary: z.string(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  actor: z.string(),
  actorUserId: z.string().nullable(),
});
export const timelinePage = pageOf(timelineEntry);
export const timelineQuery = z.strictObject({ ...pageQuery });
export const timelineAddBody = z.strictObject({
  occurredAt: z.iso.datetime({ offset: true }),
  summary: z.string().trim().min(1).max(2000),
});

export const commentSchema = z.object({
  id: z.string(),
  body: z.string(),
  visibility: z.enum(COMMENT_VISIBILITIES),
  authorUserId: z.string().nullable(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
});
export const commentPage = pageOf(commentSchema);
export const commentQuery = z.strictObject({ ...pageQuery });
export const commentAddBody = z.strictObject({
  body: z.string().trim().min(1).max(20_000),
  visibility: z.enum(COMMENT_VISIBILITIES).optional(),
});

export const LINK_KINDS = ['related', 'same-campaign', 'same-actor', 'caused-by'] as const;
const otherRef = {
  otherId: z.uuid().optional(),
  otherNumber: z.string().trim().min(1).max(40).optional(),
};
export const linkAddBody = z.strictObject({ ...otherRef, kind: z.enum(LINK_KINDS).default('related') });
export const linkSchema = z.object({
  incidentId: z.string(),
  number: z.string(),
  title: z.string(),
  status: z.string(),
  tlp: z.enum(TLP_LEVELS),
  kind: z.string(),
  createdAt: z.string(),
});
export const linkList = z.object({
  items: z.array(linkSchema),
  /** set when this incident was merged into another (the one it points at, if the user sees it) */
  mergedInto: z.object({ id: z.string(), number: z.string() }).nullable(),
});

export const mergeBody = z.strictObject({
  intoId: z.uuid().optional(),
  intoNumber: z.string().trim().min(1).max(40).optional(),
});
export const mergeResult = z.object({
  sourceId: z.string(),
  targetId: z.string(),
  targetNumber: z.string(),
  moved: z.record(z.string(), z.number()),
});
export const splitBody = z.strictObject({
  title: z.string().trim().min(1).max(500),
  observableIds: z.array(z.uuid()).max(MAX_OBSERVABLES).optional(),
  taskIds: z.array(z.uuid()).max(1000).optional(),
  reportIds: z.array(z.uuid()).max(1000).optional(),
});
export type SplitInput = z.infer<typeof splitBody>;
export const splitResult = z.object({
  id: z.string(),
  number: z.string(),
  moved: z.record(z.string(), z.number()),
});
