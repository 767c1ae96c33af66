import { z } from 'zod';
import { pageOf, pageQuery } from '../../../platform/pagination.ts';
import { emailField, line, prose } from '../../../platform/text.ts';
import {
  DETECTION_METHODS,
  HANDLING_STATES,
  NOTIFIED_PARTIES,
  OBSERVABLE_TYPES,
  REPORT_SOURCES,
  REPORT_STATUSES,
  SEVERITIES,
  TLP_LEVELS,
} from '../../../shared/vocabulary.ts';

export const TITLE_MAX = 500;
export const DESCRIPTION_MAX = 100_000;
/** given observables accepted in one body; the report keeps at most MAX_REPORT_OBSERVABLES */
export const GIVEN_OBSERVABLES_MAX = 20_000;

const optLine = (max: number) => line(max).nullable().optional();
const optProse = (max: number) => prose(max).nullable().optional();
const time = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

const reporterBlock = z.strictObject({
  name: optLine(300),
  address: optLine(500),
  phone: optLine(50),
  email: emailField.nullable().optional(),
});

const contactBlock = z.strictObject({
  name: optLine(300),
  title: optLine(300),
  phone: optLine(50),
  email: emailField.nullable().optional(),
});

const extraBlock = z.strictObject({
  operatingSystem: optLine(300),
  services: z.array(line(200)).max(100).optional(),
  securityMeasures: z
    .strictObject({ antivirus: z.boolean(), firewall: z.boolean(), ids: z.boolean(), other: line(500).nullable() })
    .nullable()
    .optional(),
  publicIps: z.array(line(100)).max(500).optional(),
  domains: z.array(line(300)).max(500).optional(),
  systemPurpose: optLine(1000),
  securityLevel: z.number().int().min(1).max(5).nullable().optional(),
  securityProvider: optLine(300),
  connectivityProvider: optLine(300),
});

export const observableInput = z.strictObject({ type: z.enum(OBSERVABLE_TYPES), value: z.string().max(4000) });

export const reportSubmitBody = z.strictObject({
  title: line(TITLE_MAX),
  description: prose(DESCRIPTION_MAX),
  systemId: z.uuid().nullable().optional(),
  systemName: optLine(500),
  operatorName: optLine(500),
  ownerName: optLine(500),
  detectedAt: time,
  occurredAt: time.nullable().optional(),
  detectionMethod: z.enum(DETECTION_METHODS),
  detectionDetail: optProse(5000),
  handlingState: z.enum(HANDLING_STATES),
  handlingResult: optProse(5000),
  notifiedParties: z.array(z.enum(NOTIFIED_PARTIES)).max(NOTIFIED_PARTIES.length).optional(),
  requests: optProse(5000),
  confidential: z.boolean().optional(),
  reporter: reporterBlock.optional(),
  contact: contactBlock.optional(),
  extra: extraBlock.optional(),
  observables: z.array(observableInput).max(GIVEN_OBSERVABLES_MAX).optional(),
  fileIds: z.array(z.uuid()).max(50).optional(),
  tlp: z.enum(TLP_LEVELS).optional(),
  externalId: optLine(200),
});
export type ReportSubmitInput = z.infer<typeof reportSubmitBody>;

export const reportListQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(REPORT_STATUSES).optional(),
  q: z.string().max(200).optional(),
});
export type ReportListFilter = z.infer<typeof reportListQuery>;

export const triageBody = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('open'),
    typeCode: line(100),
    severity: z.enum(SEVERITIES).optional(),
    tlp: z.enum(TLP_LEVELS).optional(),
    title: line(TITLE_MAX).optional(),
    organisationId: z.uuid().optional(),
  }),
  z.strictObject({ action: z.literal('attach'), incidentId: z.uuid() }),
  z.strictObject({
    action: z.literal('dismiss'),
    outcome: z.enum(['duplicate', 'spam', 'not-incident']),
    reason: line(2000),
  }),
]);
export type TriageInput = z.infer<typeof triageBody>;

const orgRef = z.object({ id: z.uuid(), name: z.string() }).nullable();

export const reportSummary = z.object({
  id: z.uuid(),
  trackingNo: z.string(),
  title: z.string(),
  source: z.enum(REPORT_SOURCES),
  status: z.enum(REPORT_STATUSES),
  tlp: z.enum(TLP_LEVELS),
  organisation: orgRef,
  systemName: z.string().nullable(),
  receivedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  incident: z.object({ id: z.uuid(), number: z.string() }).nullable(),
});

export const reportPage = pageOf(reportSummary);

export const reportDetail = reportSummary.extend({
  externalId: z.string().nullable(),
  description: z.string(),
  reporter: z.object({
    userId: z.uuid().nullable(),
    name: z.string(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  }),
  contact: z.object({
    name: z.string().nullable(),
    title: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  }),
  system: z.object({ id: z.uuid().nullable(), name: z.string().nullable() }),
  operatorName: z.string().nullable(),
  ownerName: z.string().nullable(),
  detectedAt: z.string(),
  occurredAt: z.string().nullable(),
  detectionMethod: z.enum(DETECTION_METHODS),
  detectionDetail: z.string().nullable(),
  handlingState: z.enum(HANDLING_STATES),
  handlingResult: z.string().nullable(),
  notifiedParties: z.array(z.enum(NOTIFIED_PARTIES)),
  requests: z.string().nullable(),
  confidential: z.boolean(),
  extra: z.record(z.string(), z.unknown()),
  triageReason: z.string().nullable(),
  triagedAt: z.string().nullable(),
  observables: z.array(z.object({ type: z.enum(OBSERVABLE_TYPES), value: z.string() })),
  observablesTruncated: z.boolean(),
  observableCount: z.number().int(),
  files: z.array(z.object({ id: z.uuid(), name: z.string(), size: z.number(), mediaType: z.string() })),
});

export const submitResult = z.object({
  id: z.uuid(),
  trackingNo: z.string(),
  status: z.enum(REPORT_STATUSES),
  receivedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  created: z.boolean(),
  observableCount: z.number().int(),
  observablesTruncated: z.boolean(),
});

export const triageResult = z.object({
  id: z.uuid(),
  status: z.enum(REPORT_STATUSES),
  incident: z.object({ id: z.uuid(), number: z.string() }).nullable(),
});

export const similarResult = z.object({
  reports: z.array(
    z.object({
      id: z.uuid(),
      trackingNo: z.string(),
      title: z.string(),
      status: z.enum(REPORT_STATUSES),
      shared: z.number(),
    }),
  ),
  incidents: z.array(z.object({ id: z.uuid(), number: z.string(), title: z.string(), shared: z.number() })),
});
