// Shapes of the incident cases API (contract: src/modules/incidents/cases/routes.ts).

import type {
  HandledWith,
  IncidentMemberRole,
  IncidentOrgRelation,
  IncidentStatus,
  Pap,
  Severity,
  Tlp,
} from '../../../src/shared/vocabulary';

export type { HandledWith, IncidentStatus, Pap, Severity, Tlp };

export interface IncidentFilters {
  status?: IncidentStatus[];
  typeCode?: string[];
  severity?: Severity[];
  tlp?: Tlp[];
  organisationId?: string;
  systemId?: string;
  assigneeUserId?: string;
  from?: string;
  to?: string;
  q?: string;
}

export interface IncidentRow {
  id: string;
  number: string;
  title: string;
  typeCode: string;
  typeNameVi: string;
  typeNameEn: string;
  severity: Severity;
  status: IncidentStatus;
  tlp: Tlp;
  pap: Pap;
  serious: 'serious' | 'not-serious' | 'undetermined';
  organisationId: string;
  organisationCode: string;
  organisationName: string;
  leadUserId: string | null;
  leadName: string | null;
  reportedAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface IncidentClosure {
  handledWith: HandledWith[];
  estimatedDamageVnd: number | null;
  damageNote: string | null;
  summary: string | null;
  rootCause: string | null;
  lessons: string | null;
}

export interface SeriousVerdict {
  serious: boolean | 'undetermined';
  reasons: string[];
  missing: string[];
}

export interface IncidentDetail {
  id: string;
  number: string;
  title: string;
  description: string;
  typeCode: string;
  severity: Severity;
  status: IncidentStatus;
  tlp: Tlp;
  pap: Pap;
  organisationId: string;
  leadUserId: string | null;
  seriousAnswers: Record<string, unknown> | null;
  serious: 'serious' | 'not-serious' | 'undetermined';
  detectedAt: string | null;
  occurredAt: string | null;
  reportedAt: string;
  triagedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  closure: IncidentClosure | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  type: { code: string; nameVi: string; nameEn: string; rsitClass: string; rsitType: string } | null;
  organisation: { id: string; code: string; name: string } | null;
  organisations: { organisationId: string; relation: IncidentOrgRelation; code: string; name: string }[];
  systems: { id: string; code: string; name: string }[];
  members: { userId: string; role: IncidentMemberRole; displayName: string }[];
  seriousVerdict: SeriousVerdict;
  tasks: { open: number; overdue: number; total: number };
  observableCount: number;
  reports: { id: string; trackingNo: string; title: string; receivedAt: string }[];
  canWork: boolean;
  transitions: IncidentStatus[];
}

export interface IncidentPatch {
  version: number;
  title?: string;
  description?: string;
  typeCode?: string;
  severity?: Severity;
  tlp?: Tlp;
  pap?: Pap;
  detectedAt?: string | null;
  occurredAt?: string | null;
}

export interface SavedView {
  id: string;
  name: string;
  filters: IncidentFilters;
}

export interface Suggestions {
  organisations: { id: string; code: string; name: string; matches: string[] }[];
  systems: { id: string; code: string; name: string; organisationId: string; matches: string[] }[];
}

export interface IncidentDashboard {
  openBySeverity: Record<Severity, number>;
  newPerWeek: { week: string; count: number }[];
  byType: { code: string; nameVi: string; nameEn: string; n: number }[];
  byOrganisation: { id: string; code: string; name: string; n: number }[];
  mttaSeconds: number | null;
  mttrSeconds: number | null;
  triagedCount: number;
  resolvedCount: number;
  overdueTasks: number;
}

export interface IncidentTypeOption {
  code: string;
  nameVi: string;
  nameEn: string;
  active: boolean;
}
