// Types of the incident casework API (contract: src/modules/incidents/casework/schemas.ts).

export type Tlp = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';
export const TLPS: readonly Tlp[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

export interface ObservableOwner {
  organisation: { id: string; code: string; name: string; nameEn: string | null };
  system: { id: string; code: string; name: string } | null;
  via: string;
  match: string;
}

export interface Observable {
  id: string;
  type: string;
  value: string;
  isIoc: boolean;
  tlp: Tlp;
  note: string | null;
  reportId: string | null;
  indicatorId: string | null;
  firstSeenAt: string;
  createdAt: string;
  owners: ObservableOwner[];
}

export interface ObservableAddInput {
  items?: { type: string; value: string }[];
  text?: string;
  isIoc?: boolean;
  tlp?: Tlp;
}

export interface ObservableAddResult {
  added: number;
  found: { type: string; value: string }[];
  rejected: { type: string | null; value: string }[];
  truncated: boolean;
}

export interface ObservableChange {
  isIoc?: boolean;
  tlp?: Tlp;
  note?: string | null;
}

export interface TimelineEntry {
  id: number;
  kind: string;
  summary: string;
  detail: Record<string, unknown> | null;
  occurredAt: string;
  recordedAt: string;
  actor: string;
  actorUserId: string | null;
}

export type CommentVisibility = 'internal' | 'shared';

export interface IncidentComment {
  id: string;
  body: string;
  visibility: CommentVisibility;
  authorUserId: string | null;
  authorName: string | null;
  createdAt: string;
}

export const LINK_KINDS = ['related', 'same-campaign', 'same-actor', 'caused-by'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export interface IncidentLink {
  incidentId: string;
  number: string;
  title: string;
  status: string;
  tlp: Tlp;
  kind: string;
  createdAt: string;
}

export interface MergeResult {
  sourceId: string;
  targetId: string;
  targetNumber: string;
  moved: Record<string, number>;
}

export interface SplitInput {
  title: string;
  observableIds?: string[];
  taskIds?: string[];
  reportIds?: string[];
}

export interface SplitResult {
  id: string;
  number: string;
  moved: Record<string, number>;
}
