import { z } from 'zod';
import { CUSTODY_ACTIONS, TASK_STATUSES } from '../../../shared/vocabulary.ts';
import { PLAYBOOK_PHASES } from '../playbooks/playbook-schema.ts';

export const incidentParams = z.strictObject({ id: z.uuid() });
export const applyParams = z.strictObject({ id: z.uuid(), code: z.string().min(1).max(64) });
export const taskParams = z.strictObject({ id: z.uuid(), taskId: z.uuid() });
export const evidenceParams = z.strictObject({ id: z.uuid(), evidenceId: z.uuid() });

const line = (max: number) => z.string().trim().min(1).max(max);

export const taskCreateBody = z.strictObject({
  title: line(500),
  titleEn: z.string().trim().max(500).optional(),
  description: z.string().trim().max(8000).optional(),
  descriptionEn: z.string().trim().max(8000).optional(),
  phase: z.enum(PLAYBOOK_PHASES).nullable().optional(),
  assigneeUserId: z.uuid().nullable().optional(),
  dueAt: z.iso.datetime({ offset: true }).nullable().optional(),
  checklist: z.array(line(1000)).max(50).optional(),
  requiresEvidence: z.boolean().optional(),
});
export type TaskCreate = z.infer<typeof taskCreateBody>;

export const taskUpdateBody = z
  .strictObject({
    title: line(500).optional(),
    status: z.enum(TASK_STATUSES).optional(),
    assigneeUserId: z.uuid().nullable().optional(),
    dueAt: z.iso.datetime({ offset: true }).nullable().optional(),
    /** checklist toggles by item index */
    checklist: z
      .array(z.strictObject({ index: z.number().int().min(0).max(49), done: z.boolean() }))
      .max(50)
      .optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type TaskUpdate = z.infer<typeof taskUpdateBody>;

export const taskView = z.object({
  id: z.string(),
  incidentId: z.string(),
  title: z.string(),
  titleEn: z.string().nullable(),
  description: z.string(),
  descriptionEn: z.string().nullable(),
  phase: z.string().nullable(),
  status: z.enum(TASK_STATUSES),
  assignee: z.object({ id: z.string(), username: z.string(), displayName: z.string() }).nullable(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  checklist: z.array(z.object({ text: z.string(), textEn: z.string().optional(), done: z.boolean() })),
  requiresEvidence: z.boolean(),
  evidenceCount: z.number(),
  playbookCode: z.string().nullable(),
  playbookTaskKey: z.string().nullable(),
  position: z.number(),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
});
export const taskList = z.object({ items: z.array(taskView) });
export const assignableQuery = z.strictObject({ q: z.string().trim().max(200).optional() });
export const assignableList = z.object({
  items: z.array(
    z.object({ id: z.string(), username: z.string(), displayName: z.string(), organisationId: z.string() }),
  ),
});
export const applyResult = z.object({ added: z.number(), items: z.array(taskView) });

export const evidenceCreateBody = z.strictObject({
  fileId: z.uuid(),
  description: z.string().trim().max(4000).optional(),
  collectedBy: line(300),
  collectedAt: z.iso.datetime({ offset: true }).optional(),
  taskId: z.uuid().nullable().optional(),
});
export type EvidenceCreate = z.infer<typeof evidenceCreateBody>;

export const custodyCreateBody = z.strictObject({
  action: z.enum(['transferred', 'exported']),
  note: line(2000),
});

export const custodyView = z.object({
  id: z.number(),
  action: z.enum(CUSTODY_ACTIONS),
  actor: z.string(),
  note: z.string().nullable(),
  at: z.string(),
});
export const custodyList = z.object({ items: z.array(custodyView) });

export const evidenceView = z.object({
  id: z.string(),
  incidentId: z.string(),
  taskId: z.string().nullable(),
  description: z.string(),
  collectedBy: z.string(),
  collectedAt: z.string(),
  receivedBy: z.string().nullable(),
  receivedAt: z.string(),
  file: z.object({ id: z.string(), name: z.string(), size: z.number(), mediaType: z.string(), sha256: z.string() }),
});
export const evidenceList = z.object({ items: z.array(evidenceView) });
