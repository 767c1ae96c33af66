// Types of the contact publication API (contract: src/modules/constituency/publication/schemas.ts).

import type { PublicationResult, PublicationStatus } from '../../../src/shared/vocabulary';
import type { OrgKind, Timestamp } from './types';

export type { PublicationResult, PublicationStatus };

export interface CheckedValue {
  kind: 'email' | 'phone';
  value: string;
}

export interface PublicationCheck {
  id: string;
  organisationId: string;
  url: string;
  checkedAt: Timestamp;
  finalUrl: string | null;
  httpStatus: number | null;
  sha256: string | null;
  bytes: number | null;
  found: CheckedValue[];
  missing: CheckedValue[];
  result: PublicationResult;
  error: string | null;
  trigger: 'schedule' | 'manual';
  checkedBy: string | null;
}

export interface Publication {
  organisationId: string;
  portal: { url: string; updatedAt: Timestamp } | null;
  latest: PublicationCheck | null;
}

export interface PublicationStatusRow {
  organisation: { id: string; code: string; name: string; nameEn: string | null; kind: OrgKind };
  url: string | null;
  status: PublicationStatus;
  latest: PublicationCheck | null;
}

export interface PublicationSummary {
  byStatus: Partial<Record<PublicationStatus, number>>;
  total: number;
}
