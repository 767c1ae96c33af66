import { z } from 'zod';
import { seriousIncidentAnswersSchema } from '../../../engines/serious-incident/index.ts';
import { pageQuery } from '../../../platform/pagination.ts';
import { line, prose } from '../../../platform/text.ts';
import {
  HANDLED_WITH,
  INCIDENT_MEMBER_ROLES,
  INCIDENT_ORG_RELATIONS,
  INCIDENT_STATUSES,
  PAP_LEVELS,
  SEVERITIES,
  TLP_LEVELS,
} from '../../../shared/vocabulary.ts';

/** `?status=a&status=b` or `?status=a,b`: always a list. */
function many<T extends readonly [string, ...string[]]>(values: T) {
  return z
    .union([z.string().max(2000), z.array(z.string().max(200)).max(50)])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)))
    .optional();
}

const typeCodes = z
  .union([z.string().max(2000), z.array(z.string().max(100)).max(50)])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
  .optional();

export const incidentFilterFields = {
  status: many(INCIDENT_STATUSES),
  typeCode: typeCodes,
  severity: many(SEVERITIES),
  tlp: many(TLP_LEVELS),
  organisationId: z.uuid().optional(),
  systemId: z.uuid().optional(),
  assigneeUserId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  q: z.string().max(200).optional(),
};

export const incidentListQuery = z.strictObject({ ...incidentFilterFields, ...pageQuery });
export type IncidentFilter = z.infer<z.ZodObject<typeof incidentFilterFields>>;
export type IncidentListQuery = z.infer<typeof incidentListQuery>;

export const exportQuery = z.strictObject({
  ...incidentFilterFields,
  format: z.enum(['csv', 'xlsx']).default('csv'),
  /** the interface language: headers and type names */
  lang: z.enum(['vi', 'en']).default('vi'),
});

const time = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

export const incidentCreateBody = z.strictObject({
  title: line(300),
  description: prose(20000).optional(),
  typeCode: z.string().min(1).max(100),
  severity: z.enum(SEVERITIES).optional(),
  tlp: z.enum(TLP_LEVELS).optional(),
  pap: z.enum(PAP_LEVELS).optional(),
  organisationId: z.uuid(),
  leadUserId: z.uuid().nullable().optional(),
  detectedAt: time.nullable().optional(),
  occurredAt: time.nullable().optional(),
  systemIds: z.array(z.uuid()).max(200).optional(),
});

export const incidentPatchBody = z.strictObject({
  version: z.number().int().min(1),
  title: line(300).optional(),
  description: prose(20000).optional(),
  typeCode: z.string().min(1).max(100).optional(),
  severity: z.enum(SEVERITIES).optional(),
  tlp: z.enum(TLP_LEVELS).optional(),
  pap: z.enum(PAP_LEVELS).optional(),
  detectedAt: time.nullable().optional(),
  occurredAt: time.nullable().optional(),
  leadUserId: z.uuid().nullable().optional(),
});
export type IncidentPatch = z.infer<typeof incidentPatchBody>;

export const closureSchema = z.strictObject({
  handledWith: z.array(z.enum(HANDLED_WITH)).max(4),
  estimatedDamageVnd: z.number().int().min(0).max(1e15).nullable(),
  damageNote: prose(5000).nullable(),
  summary: prose(20000).nullable(),
  rootCause: prose(5000).nullable(),
  lessons: prose(5000).nullable(),
});

export const statusBody = z.strictObject({
  status: z.enum(INCIDENT_STATUSES),
  version: z.number().int().min(1).optional(),
  reason: prose(2000).optional(),
  closure: closureSchema.optional(),
});
export type StatusChange = z.infer<typeof statusBody>;

export const seriousBody = z.strictObject({ answers: seriousIncidentAnswersSchema });

export const membersBody = z.strictObject({
  members: z.array(z.strictObject({ userId: z.uuid(), role: z.enum(INCIDENT_MEMBER_ROLES) })).max(200),
});

export const organisationsBody = z.strictObject({
  organisations: z
    .array(z.strictObject({ organisationId: z.uuid(), relation: z.enum(INCIDENT_ORG_RELATIONS) }))
    .max(500),
  /** the incident version the list was read at: a stale one → 409 (another change would be lost) */
  version: z.number().int().min(1).optional(),
});

export const systemsBody = z.strictObject({
  systemIds: z.array(z.uuid()).max(500),
  version: z.number().int().min(1).optional(),
});

export const viewBody = z.strictObject({
  name: line(100),
  filters: z.strictObject(incidentFilterFields),
});
