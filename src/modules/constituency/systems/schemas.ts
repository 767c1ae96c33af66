import { z } from 'zod';
import { pageOf, pageQuery } from '../../../platform/pagination.ts';
import { line, prose } from '../../../platform/text.ts';
import { COMPONENT_KINDS, SYSTEM_CATEGORIES, SYSTEM_STATUSES } from '../../../shared/vocabulary.ts';

export const systemCodeField = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9._-]{0,59}$/, '1–60 characters: A-Z, 0-9, dot, dash, underscore');

const optLine = (max: number) => line(max).nullable().optional();

export const securityMeasuresSchema = z.strictObject({
  antivirus: z.boolean(),
  firewall: z.boolean(),
  ids: z.boolean(),
  other: line(500).nullable(),
});

const systemFields = {
  name: line(300),
  nameEn: optLine(300),
  ownerOrgId: z.uuid(),
  operatorOrgId: z.uuid().nullable().optional(),
  // Any integer here: the command refuses values outside 1–5 with a localised message.
  securityLevel: z.number().int().nullable().optional(),
  levelDecisionNo: optLine(100),
  levelDecisionDate: z.iso.date().nullable().optional(),
  levelApprovedBy: optLine(300),
  category: z.enum(SYSTEM_CATEGORIES),
  sharedProvincial: z.boolean().optional(),
  nationalCritical: z.boolean().optional(),
  internetFacing: z.boolean().optional(),
  description: prose(5000).nullable().optional(),
  status: z.enum(SYSTEM_STATUSES).optional(),
  ownerContactId: z.uuid().nullable().optional(),
  securityMeasures: securityMeasuresSchema.nullable().optional(),
  securityProvider: optLine(300),
  connectivityProvider: optLine(300),
  osAndServices: prose(2000).nullable().optional(),
};

export const systemCreateBody = z.strictObject({ code: systemCodeField, ...systemFields });
export const systemUpdateBody = z.strictObject({
  ...systemFields,
  code: systemCodeField.optional(),
  name: line(300).optional(),
  ownerOrgId: z.uuid().optional(),
  category: z.enum(SYSTEM_CATEGORIES).optional(),
});
export type SystemCreateInput = z.infer<typeof systemCreateBody>;
export type SystemUpdateInput = z.infer<typeof systemUpdateBody>;

const rawValue = (max: number) => z.string().max(max).nullable().optional();
const componentFields = {
  ip: rawValue(200),
  hostname: optLine(253),
  fqdn: rawValue(300),
  url: rawValue(2000),
  cidr: rawValue(200),
  domain: rawValue(300),
  cpe: rawValue(1000),
  purl: rawValue(1000),
  vendor: optLine(200),
  product: optLine(200),
  version: optLine(100),
  os: optLine(200),
  note: prose(2000).nullable().optional(),
};
export const componentBody = z.strictObject({ kind: z.enum(COMPONENT_KINDS), ...componentFields });
export const componentUpdateBody = z.strictObject({ kind: z.enum(COMPONENT_KINDS).optional(), ...componentFields });
export type ComponentInput = z.infer<typeof componentBody>;
export type ComponentUpdateInput = z.infer<typeof componentUpdateBody>;

const orgRef = z.object({ id: z.uuid(), code: z.string(), name: z.string(), nameEn: z.string().nullable() });

export const systemSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  owner: orgRef,
  operator: orgRef,
  securityLevel: z.number().nullable(),
  levelDecisionNo: z.string().nullable(),
  levelDecisionDate: z.string().nullable(),
  levelApprovedBy: z.string().nullable(),
  category: z.enum(SYSTEM_CATEGORIES),
  sharedProvincial: z.boolean(),
  nationalCritical: z.boolean(),
  internetFacing: z.boolean(),
  description: z.string().nullable(),
  status: z.enum(SYSTEM_STATUSES),
  ownerContactId: z.uuid().nullable(),
  securityMeasures: z
    .object({ antivirus: z.boolean(), firewall: z.boolean(), ids: z.boolean(), other: z.string().nullable() })
    .nullable(),
  securityProvider: z.string().nullable(),
  connectivityProvider: z.string().nullable(),
  osAndServices: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastChangedAt: z.string(),
});

export const componentSchema = z.object({
  id: z.uuid(),
  systemId: z.uuid(),
  kind: z.enum(COMPONENT_KINDS),
  ip: z.string().nullable(),
  hostname: z.string().nullable(),
  fqdn: z.string().nullable(),
  url: z.string().nullable(),
  cidr: z.string().nullable(),
  domain: z.string().nullable(),
  cpe: z.string().nullable(),
  purl: z.string().nullable(),
  vendor: z.string().nullable(),
  product: z.string().nullable(),
  version: z.string().nullable(),
  os: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});

export const systemContactSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  personName: z.string(),
  personRole: z.string().nullable(),
  phone247: z.string().nullable(),
  email: z.string().nullable(),
});

export const systemDetail = systemSchema.extend({
  ownerContact: systemContactSchema.nullable(),
  components: z.array(componentSchema),
  canManage: z.boolean(),
});
export const systemPage = pageOf(systemSchema);

const boolQuery = z.enum(['true', 'false']).optional();
export const systemListQuery = z.strictObject({
  ...pageQuery,
  q: z.string().max(200).optional(),
  owner: z.uuid().optional(),
  operator: z.uuid().optional(),
  /** either owner or operator */
  organisation: z.uuid().optional(),
  level: z.coerce.number().int().min(1).max(5).optional(),
  category: z.enum(SYSTEM_CATEGORIES).optional(),
  shared: boolQuery,
  status: z.enum(SYSTEM_STATUSES).optional(),
});
export type SystemListFilter = z.infer<typeof systemListQuery>;

export const historyEntry = z.object({
  id: z.string(),
  createdAt: z.string(),
  actor: z.string(),
  /** the acting user's display name (null for the platform's own jobs) */
  actorName: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  diff: z.unknown(),
});
export const historyPage = pageOf(historyEntry).extend({
  /** what the page's diffs refer to by id, for showing them by name */
  refs: z.object({
    organisations: z.record(z.string(), orgRef),
    contacts: z.record(z.string(), z.object({ id: z.uuid(), personName: z.string() })),
  }),
});
export const componentParams = z.strictObject({ id: z.uuid(), componentId: z.uuid() });
