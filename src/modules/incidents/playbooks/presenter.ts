import type { playbooks } from '../tables.ts';
import type { Playbook } from './playbook-schema.ts';

type Row = typeof playbooks.$inferSelect;

export function presentPlaybookSummary(row: Row) {
  const body = row.body as Playbook;
  return {
    code: row.code,
    title: body.title,
    summary: body.summary,
    incidentTypes: body.incidentTypes,
    taskCount: body.tasks.length,
    version: row.version,
    active: row.active,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentPlaybook(row: Row) {
  return { ...presentPlaybookSummary(row), body: row.body };
}
