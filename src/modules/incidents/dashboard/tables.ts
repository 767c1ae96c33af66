import { date, index, integer, numeric, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';

/*
 * The incidents dashboard's roll-ups (docs/ARCHITECTURE.md, "Incidents: dashboard roll-ups"), kept by
 * triggers on incidents, incident_organisations and incident_tasks (migration 0021) in the writing
 * transaction. TLP:RED incidents are left out (the dashboard counts them live for the users named on
 * them). Each non-RED incident has one row per involved organisation — its owner and every linked one:
 * `organisation_id = owner_id` is the owner's row (each incident once: the IR team's totals), the
 * others let a member's totals be a sum over its own organisation's rows. Days are Vietnam dates.
 */

/** Incidents by the Vietnam day they were created: counts and time-to-triage/resolve sums (seconds). */
export const incidentDailyCounts = pgTable(
  'incident_daily_counts',
  {
    day: date('day', { mode: 'string' }).notNull(),
    organisationId: uuid('organisation_id').notNull(),
    ownerId: uuid('owner_id').notNull(),
    tlp: text('tlp').notNull(),
    typeCode: text('type_code').notNull(),
    incidents: integer('incidents').notNull().default(0),
    triaged: integer('triaged').notNull().default(0),
    ttaSeconds: numeric('tta_seconds').notNull().default('0'),
    resolved: integer('resolved').notNull().default(0),
    ttrSeconds: numeric('ttr_seconds').notNull().default('0'),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.organisationId, t.ownerId, t.tlp, t.typeCode] }),
    // a member's rows, index-only (they lie scattered over the table)
    index('incident_daily_counts_org_cover_idx').on(
      t.organisationId,
      t.day,
      t.ownerId,
      t.tlp,
      t.typeCode,
      t.incidents,
      t.triaged,
      t.ttaSeconds,
      t.resolved,
      t.ttrSeconds,
    ),
  ],
);

/** Open incidents (new … recovery) by severity: a current-state count. */
export const incidentOpenCounts = pgTable(
  'incident_open_counts',
  {
    organisationId: uuid('organisation_id').notNull(),
    ownerId: uuid('owner_id').notNull(),
    tlp: text('tlp').notNull(),
    severity: text('severity').notNull(),
    incidents: integer('incidents').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.ownerId, t.tlp, t.severity] })],
);

/** Open tasks (open, in progress) with a due time, on open incidents, by the Vietnam day they fall due. */
export const incidentOpenTaskCounts = pgTable(
  'incident_open_task_counts',
  {
    dueDay: date('due_day', { mode: 'string' }).notNull(),
    organisationId: uuid('organisation_id').notNull(),
    ownerId: uuid('owner_id').notNull(),
    tlp: text('tlp').notNull(),
    tasks: integer('tasks').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.dueDay, t.organisationId, t.ownerId, t.tlp] }),
    index('incident_open_task_counts_org_cover_idx').on(t.organisationId, t.dueDay, t.ownerId, t.tlp, t.tasks),
  ],
);

/*
 * The same figures once per incident, without organisations: what the IR team and viewers sum. At a
 * million incidents the per-organisation rows above hold nearly one row per incident; these hold a few
 * thousand rows for 90 days.
 */

/** Incidents by Vietnam creation day × TLP × type, with the time-to-triage/resolve sums. */
export const incidentDailyTotals = pgTable(
  'incident_daily_totals',
  {
    day: date('day', { mode: 'string' }).notNull(),
    tlp: text('tlp').notNull(),
    typeCode: text('type_code').notNull(),
    incidents: integer('incidents').notNull().default(0),
    triaged: integer('triaged').notNull().default(0),
    ttaSeconds: numeric('tta_seconds').notNull().default('0'),
    resolved: integer('resolved').notNull().default(0),
    ttrSeconds: numeric('ttr_seconds').notNull().default('0'),
  },
  (t) => [primaryKey({ columns: [t.day, t.tlp, t.typeCode] })],
);

/** Incidents by Vietnam creation day × owning organisation × TLP (the "by organisation" chart). */
export const incidentDailyOwners = pgTable(
  'incident_daily_owners',
  {
    day: date('day', { mode: 'string' }).notNull(),
    ownerId: uuid('owner_id').notNull(),
    tlp: text('tlp').notNull(),
    incidents: integer('incidents').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.ownerId, t.tlp] })],
);

/** Open tasks with a due time on open incidents by Vietnam due day × TLP. */
export const incidentOpenTaskTotals = pgTable(
  'incident_open_task_totals',
  {
    dueDay: date('due_day', { mode: 'string' }).notNull(),
    tlp: text('tlp').notNull(),
    tasks: integer('tasks').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.dueDay, t.tlp] })],
);
