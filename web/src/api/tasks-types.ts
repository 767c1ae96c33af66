// Types of the incident tasks, evidence, playbooks and incident-types API
// (contract: src/modules/incidents/tasks/schemas.ts, playbooks/api-schemas.ts, types/api-schemas.ts).

export type TaskStatus = 'open' | 'in-progress' | 'done' | 'cancelled';
export type Localised = { vi: string; en: string };

export interface IncidentTask {
  id: string;
  incidentId: string;
  title: string;
  titleEn: string | null;
  description: string;
  descriptionEn: string | null;
  phase: string | null;
  status: TaskStatus;
  assignee: { id: string; username: string; displayName: string } | null;
  dueAt: string | null;
  overdue: boolean;
  checklist: { text: string; textEn?: string; done: boolean }[];
  requiresEvidence: boolean;
  evidenceCount: number;
  playbookCode: string | null;
  playbookTaskKey: string | null;
  position: number;
  completedAt: string | null;
  createdAt: string;
}

export interface TaskPatch {
  title?: string;
  status?: TaskStatus;
  assigneeUserId?: string | null;
  dueAt?: string | null;
  checklist?: { index: number; done: boolean }[];
}

export interface TaskInput {
  title: string;
  description?: string;
  phase?: string | null;
  dueAt?: string | null;
  requiresEvidence?: boolean;
}

export interface Evidence {
  id: string;
  incidentId: string;
  taskId: string | null;
  description: string;
  collectedBy: string;
  collectedAt: string;
  receivedBy: string | null;
  receivedAt: string;
  file: { id: string; name: string; size: number; mediaType: string; sha256: string };
}

export interface EvidenceInput {
  fileId: string;
  description?: string;
  collectedBy: string;
  collectedAt?: string;
  taskId?: string | null;
}

export interface CustodyEntry {
  id: number;
  action: 'collected' | 'received' | 'accessed' | 'exported' | 'transferred';
  actor: string;
  note: string | null;
  at: string;
}

export interface PlaybookSummary {
  code: string;
  title: Localised;
  summary: Localised;
  incidentTypes: string[];
  taskCount: number;
  version: number;
  active: boolean;
  updatedAt: string;
}
export interface PlaybookDetail extends PlaybookSummary {
  body: Record<string, unknown>;
}

export interface IncidentType {
  code: string;
  nameVi: string;
  nameEn: string;
  descriptionVi: string;
  descriptionEn: string;
  rsit: { class: string; type: string };
  active: boolean;
  position: number;
}

/** A user a task on the incident may go to (GET /api/incidents/:id/assignable-users). */
export type AssignableUser = { id: string; username: string; displayName: string; organisationId: string };
