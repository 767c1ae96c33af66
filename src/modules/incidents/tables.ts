import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { optionalTime, timeNow } from '../../db/columns.ts';
import type {
  CommentVisibility,
  CustodyAction,
  DetectionMethod,
  HandledWith,
  HandlingState,
  IncidentMemberRole,
  IncidentOrgRelation,
  IncidentStatus,
  IndicatorType,
  NotifiedParty,
  ObservableType,
  Pap,
  ReportSource,
  ReportStatus,
  Severity,
  TaskStatus,
  Tlp,
} from '../../shared/vocabulary.ts';
import { informationSystems } from '../constituency/systems/tables.ts';
import { organisations } from '../constituency/tables.ts';
import { files } from '../files/tables.ts';
import { users } from '../identity/tables.ts';

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(','));
const TLP_SQL = inList(['clear', 'green', 'amber', 'amber+strict', 'red']);

/** The editable list of incident types (seeded from seed/incident-types.json), each mapped to ENISA RSIT. */
export const incidentTypes = pgTable('incident_types', {
  code: text('code').primaryKey(),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en').notNull(),
  descriptionVi: text('description_vi').notNull().default(''),
  descriptionEn: text('description_en').notNull().default(''),
  rsitClass: text('rsit_class').notNull(),
  rsitType: text('rsit_type').notNull(),
  active: boolean('active').notNull().default(true),
  position: integer('position').notNull().default(0),
  createdAt: timeNow(),
  updatedAt: timeNow('updated_at'),
});

/** Response playbooks: templates that instantiate tasks; `body` is a validated `Playbook` (playbook-schema.ts). */
export const playbooks = pgTable('playbooks', {
  code: text('code').primaryKey(),
  body: jsonb('body').$type<Record<string, unknown>>().notNull(),
  version: integer('version').notNull().default(1),
  active: boolean('active').notNull().default(true),
  createdAt: timeNow(),
  updatedAt: timeNow('updated_at'),
});

export const reportNumbers = pgSequence('report_number_seq');
export const incidentNumbers = pgSequence('incident_number_seq');

/** Mẫu 03 facts beyond the core columns (extra system information). */
export type ReportExtra = {
  operatingSystem?: string | null;
  services?: string[];
  securityMeasures?: { antivirus: boolean; firewall: boolean; ids: boolean; other: string | null } | null;
  publicIps?: string[];
  domains?: string[];
  systemPurpose?: string | null;
  securityLevel?: number | null;
  securityProvider?: string | null;
  connectivityProvider?: string | null;
};

/**
 * A raw incident report as it came in: immutable once received (only its triage outcome changes).
 * The fields cover the TT 20 notification (Điều 9.3.a) and Mẫu 03 (initial report).
 */
export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trackingNo: text('tracking_no').notNull().unique(),
    source: text('source').$type<ReportSource>().notNull(),
    /** the namespace of external_id: reporter organisation id, `mailbox:<id>`, `webhook:<id>`, `public` */
    channelKey: text('channel_key').notNull(),
    externalId: text('external_id'),
    reporterUserId: uuid('reporter_user_id').references(() => users.id),
    reporterOrgId: uuid('reporter_org_id').references(() => organisations.id),
    reporterName: text('reporter_name').notNull(),
    reporterAddress: text('reporter_address'),
    reporterPhone: text('reporter_phone'),
    reporterEmail: text('reporter_email'),
    contactName: text('contact_name'),
    contactTitle: text('contact_title'),
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
    systemId: uuid('system_id').references(() => informationSystems.id),
    systemName: text('system_name'),
    operatorName: text('operator_name'),
    ownerName: text('owner_name'),
    title: text('title').notNull(),
    description: text('description').notNull(),
    detectedAt: timeNow('detected_at'),
    occurredAt: optionalTime('occurred_at'),
    detectionMethod: text('detection_method').$type<DetectionMethod>().notNull(),
    detectionDetail: text('detection_detail'),
    handlingState: text('handling_state').$type<HandlingState>().notNull(),
    handlingResult: text('handling_result'),
    notifiedParties: text('notified_parties').array().$type<NotifiedParty[]>().notNull().default(sql`'{}'`),
    requests: text('requests'),
    confidential: boolean('confidential').notNull().default(false),
    extra: jsonb('extra').$type<ReportExtra>().notNull().default({}),
    tlp: text('tlp').$type<Tlp>().notNull().default('amber'),
    status: text('status').$type<ReportStatus>().notNull().default('new'),
    incidentId: uuid('incident_id').references(() => incidents.id),
    triageReason: text('triage_reason'),
    triagedBy: uuid('triaged_by').references(() => users.id),
    triagedAt: optionalTime('triaged_at'),
    receivedAt: timeNow('received_at'),
    acknowledgedAt: optionalTime('acknowledged_at'),
    /** more observables were found or given than are kept (10,000 per report) */
    observablesTruncated: boolean('observables_truncated').notNull().default(false),
  },
  (t) => [
    uniqueIndex('reports_channel_external_idx')
      .on(t.source, t.channelKey, t.externalId)
      .where(sql`${t.externalId} IS NOT NULL`),
    index('reports_status_received_idx').on(t.status, t.receivedAt, t.id),
    index('reports_incident_idx').on(t.incidentId),
    index('reports_reporter_org_idx').on(t.reporterOrgId, t.receivedAt),
    index('reports_search_idx').using(
      'gin',
      sql`canhgac_fold(${t.trackingNo} || ' ' || ${t.title} || ' ' || ${t.description}) gin_trgm_ops`,
    ),
    check('reports_tlp_check', sql`${t.tlp} IN (${TLP_SQL})`),
    check('reports_status_check', sql`${t.status} IN ('new','logged','accepted','duplicate','spam','not-incident')`),
    check('reports_detection_check', sql`${t.detectionMethod} IN ('ids','log','notified','other')`),
    check('reports_handling_check', sql`${t.handlingState} IN ('handled','not-yet')`),
  ],
);

export const reportFiles = pgTable(
  'report_files',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.fileId] })],
);

/** Observables found in (or given with) a report, normalised; the triage queue suggests similar reports by them. */
export const reportObservables = pgTable(
  'report_observables',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    type: text('type').$type<ObservableType>().notNull(),
    value: text('value').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.type, t.value] }),
    index('report_observables_value_idx').on(t.type, t.value),
  ],
);

/** Mẫu 05 facts recorded at closure. */
export type IncidentClosure = {
  handledWith: HandledWith[];
  estimatedDamageVnd: number | null;
  damageNote: string | null;
  summary: string | null;
  rootCause: string | null;
  lessons: string | null;
};

export const incidents = pgTable(
  'incidents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull().unique(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    typeCode: text('type_code')
      .notNull()
      .references(() => incidentTypes.code),
    severity: text('severity').$type<Severity>().notNull().default('medium'),
    status: text('status').$type<IncidentStatus>().notNull().default('new'),
    tlp: text('tlp').$type<Tlp>().notNull().default('amber'),
    pap: text('pap').$type<Pap>().notNull().default('amber'),
    /** The organisation whose incident this is (AMBER+STRICT: it and the IR team). */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    leadUserId: uuid('lead_user_id').references(() => users.id),
    /** QĐ 05 Điều 9 checklist answers (engines/serious-incident) and its verdict. */
    seriousAnswers: jsonb('serious_answers').$type<Record<string, unknown>>(),
    serious: text('serious').$type<'serious' | 'not-serious' | 'undetermined'>().notNull().default('undetermined'),
    detectedAt: optionalTime('detected_at'),
    occurredAt: optionalTime('occurred_at'),
    /** the first report's receipt: MTTA/MTTR count from here */
    reportedAt: timeNow('reported_at'),
    triagedAt: optionalTime('triaged_at'),
    resolvedAt: optionalTime('resolved_at'),
    closedAt: optionalTime('closed_at'),
    closure: jsonb('closure').$type<IncidentClosure>(),
    mergedIntoId: uuid('merged_into_id'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timeNow(),
    updatedAt: timeNow('updated_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('incidents_created_idx').on(t.createdAt, t.id),
    index('incidents_status_created_idx').on(t.status, t.createdAt, t.id),
    index('incidents_severity_created_idx').on(t.severity, t.createdAt, t.id),
    index('incidents_type_created_idx').on(t.typeCode, t.createdAt, t.id),
    index('incidents_org_created_idx').on(t.organisationId, t.createdAt, t.id),
    index('incidents_lead_idx').on(t.leadUserId),
    // The dashboard's windows (new per week, by type/organisation, MTTA/MTTR): index-only at 1M rows.
    index('incidents_created_cover_idx').on(
      t.createdAt,
      t.id,
      t.tlp,
      t.typeCode,
      t.organisationId,
      t.reportedAt,
      t.triagedAt,
      t.resolvedAt,
    ),
    // The dashboard's "open by severity": open incidents only, small, index-only for the IR team.
    index('incidents_open_severity_idx')
      .on(t.severity, t.tlp, t.organisationId, t.id)
      .where(sql`${t.status} IN ('new','triage','containment','eradication','recovery')`),
    // The dashboard counts TLP:RED incidents live (they are not in its roll-ups): few, found from here.
    index('incidents_red_created_idx').on(t.createdAt, t.id, t.status).where(sql`${t.tlp} = 'red'`),
    index('incidents_search_idx').using(
      'gin',
      sql`canhgac_fold(${t.number} || ' ' || ${t.title} || ' ' || ${t.description}) gin_trgm_ops`,
    ),
    check('incidents_tlp_check', sql`${t.tlp} IN (${TLP_SQL})`),
    check('incidents_pap_check', sql`${t.pap} IN ('clear','green','amber','red')`),
    check('incidents_severity_check', sql`${t.severity} IN ('low','medium','high','critical')`),
    check(
      'incidents_status_check',
      sql`${t.status} IN ('new','triage','containment','eradication','recovery','resolved','closed','rejected','duplicate')`,
    ),
    check('incidents_serious_check', sql`${t.serious} IN ('serious','not-serious','undetermined')`),
  ],
);

/** Organisations involved in an incident; AMBER reaches all of them. */
export const incidentOrganisations = pgTable(
  'incident_organisations',
  {
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    relation: text('relation').$type<IncidentOrgRelation>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.incidentId, t.organisationId, t.relation] }),
    index('incident_organisations_org_idx').on(t.organisationId, t.incidentId),
    check('incident_organisations_relation_check', sql`${t.relation} IN ('affected','reporting','addressed')`),
  ],
);

export const incidentSystems = pgTable(
  'incident_systems',
  {
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    systemId: uuid('system_id')
      .notNull()
      .references(() => informationSystems.id),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.systemId] }), index('incident_systems_system_idx').on(t.systemId)],
);

/** Users named on an incident. TLP:RED is visible to these users only. */
export const incidentMembers = pgTable(
  'incident_members',
  {
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').$type<IncidentMemberRole>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.incidentId, t.userId] }),
    index('incident_members_user_idx').on(t.userId, t.incidentId),
    check('incident_members_role_check', sql`${t.role} IN ('lead','team','named')`),
  ],
);

/** `text` in Vietnamese; `textEn` when the item came from a (bilingual) playbook. */
export type ChecklistItem = { text: string; textEn?: string; done: boolean };

export const incidentTasks = pgTable(
  'incident_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** English title/description (a playbook task carries both languages; an ad-hoc task may leave them null) */
    titleEn: text('title_en'),
    descriptionEn: text('description_en'),
    phase: text('phase'),
    status: text('status').$type<TaskStatus>().notNull().default('open'),
    assigneeUserId: uuid('assignee_user_id').references(() => users.id),
    dueAt: optionalTime('due_at'),
    checklist: jsonb('checklist').$type<ChecklistItem[]>().notNull().default([]),
    requiresEvidence: boolean('requires_evidence').notNull().default(false),
    playbookCode: text('playbook_code'),
    playbookTaskKey: text('playbook_task_key'),
    position: integer('position').notNull().default(0),
    completedAt: optionalTime('completed_at'),
    completedBy: uuid('completed_by').references(() => users.id),
    createdAt: timeNow(),
    updatedAt: timeNow('updated_at'),
  },
  (t) => [
    index('incident_tasks_incident_idx').on(t.incidentId, t.position),
    // applying a playbook twice adds nothing twice, even when two people press "apply" at once
    uniqueIndex('incident_tasks_playbook_key_idx')
      .on(t.incidentId, t.playbookCode, t.playbookTaskKey)
      .where(sql`${t.playbookTaskKey} IS NOT NULL`),
    index('incident_tasks_assignee_idx').on(t.assigneeUserId, t.status),
    // incident_id too: the dashboard's overdue count joins from it without reading the tasks.
    index('incident_tasks_open_due_idx').on(t.dueAt, t.incidentId).where(sql`${t.status} IN ('open','in-progress')`),
    check('incident_tasks_status_check', sql`${t.status} IN ('open','in-progress','done','cancelled')`),
  ],
);

/** The constituency-wide record of an IOC value (#9 adds sources, TLP and sharing). */
export const indicators = pgTable(
  'indicators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    type: text('type').$type<IndicatorType>().notNull(),
    value: text('value').notNull(),
    firstSeenAt: timeNow('first_seen_at'),
    lastSeenAt: timeNow('last_seen_at'),
    createdAt: timeNow(),
  },
  (t) => [uniqueIndex('indicators_type_value_idx').on(t.type, t.value)],
);

/** An indicator (or a cve/account) in one incident's context. */
export const incidentObservables = pgTable(
  'incident_observables',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    indicatorId: uuid('indicator_id').references(() => indicators.id),
    type: text('type').$type<ObservableType>().notNull(),
    value: text('value').notNull(),
    isIoc: boolean('is_ioc').notNull().default(false),
    tlp: text('tlp').$type<Tlp>().notNull().default('amber'),
    note: text('note'),
    reportId: uuid('report_id').references(() => reports.id),
    firstSeenAt: timeNow('first_seen_at'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timeNow(),
  },
  (t) => [
    uniqueIndex('incident_observables_value_idx').on(t.incidentId, t.type, t.value),
    index('incident_observables_lookup_idx').on(t.type, t.value),
    index('incident_observables_indicator_idx').on(t.indicatorId),
    check('incident_observables_tlp_check', sql`${t.tlp} IN (${TLP_SQL})`),
  ],
);

/** Evidence: a stored file under chain of custody. Never rendered inline; every download is a custody entry. */
export const evidence = pgTable(
  'evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    taskId: uuid('task_id').references(() => incidentTasks.id),
    description: text('description').notNull().default(''),
    collectedBy: text('collected_by').notNull(),
    collectedAt: timeNow('collected_at'),
    receivedBy: uuid('received_by').references(() => users.id),
    receivedAt: timeNow('received_at'),
    createdAt: timeNow(),
  },
  (t) => [index('evidence_incident_idx').on(t.incidentId, t.createdAt), index('evidence_task_idx').on(t.taskId)],
);

export const evidenceCustody = pgTable(
  'evidence_custody',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    evidenceId: uuid('evidence_id')
      .notNull()
      .references(() => evidence.id),
    action: text('action').$type<CustodyAction>().notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    actor: text('actor').notNull(),
    note: text('note'),
    at: timeNow('at'),
  },
  (t) => [
    index('evidence_custody_evidence_idx').on(t.evidenceId, t.id),
    check(
      'evidence_custody_action_check',
      sql`${t.action} IN ('collected','received','accessed','exported','transferred')`,
    ),
  ],
);

/** Timeline: what happened when (occurred_at) versus when it was written down (recorded_at). */
export const incidentEvents = pgTable(
  'incident_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    kind: text('kind').notNull(),
    summary: text('summary').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    occurredAt: timeNow('occurred_at'),
    recordedAt: timeNow('recorded_at'),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    actor: text('actor').notNull(),
  },
  (t) => [index('incident_events_incident_idx').on(t.incidentId, t.occurredAt, t.id)],
);

export const incidentComments = pgTable(
  'incident_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    authorUserId: uuid('author_user_id').references(() => users.id),
    body: text('body').notNull(),
    visibility: text('visibility').$type<CommentVisibility>().notNull().default('internal'),
    createdAt: timeNow(),
    editedAt: optionalTime('edited_at'),
  },
  (t) => [
    index('incident_comments_incident_idx').on(t.incidentId, t.createdAt),
    check('incident_comments_visibility_check', sql`${t.visibility} IN ('internal','shared')`),
  ],
);

/** Links between incidents, stored once with the smaller id first. */
export const incidentLinks = pgTable(
  'incident_links',
  {
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    otherId: uuid('other_id')
      .notNull()
      .references(() => incidents.id),
    kind: text('kind').notNull().default('related'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timeNow(),
  },
  (t) => [
    primaryKey({ columns: [t.incidentId, t.otherId] }),
    index('incident_links_other_idx').on(t.otherId),
    check('incident_links_order_check', sql`${t.incidentId} < ${t.otherId}`),
  ],
);

/** A user's saved list filters ("views"). */
export const savedViews = pgTable(
  'saved_views',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    scope: text('scope').notNull(),
    name: text('name').notNull(),
    filters: jsonb('filters').$type<Record<string, unknown>>().notNull(),
    createdAt: timeNow(),
  },
  (t) => [uniqueIndex('saved_views_user_name_idx').on(t.userId, t.scope, t.name)],
);
