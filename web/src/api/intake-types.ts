// Types of the incident reports API (contract: src/modules/incidents/reports/schemas.ts).

import type {
  DetectionMethod,
  HandlingState,
  NotifiedParty,
  ObservableType,
  ReportStatus,
  Severity,
  Tlp,
} from '../../../src/shared/vocabulary';

export type { DetectionMethod, HandlingState, NotifiedParty, ReportStatus, Severity, Tlp };

/** Mẫu 03 extra information about the affected system (all optional). */
export interface ReportExtra {
  operatingSystem?: string | null;
  services?: string[];
  securityMeasures?: { antivirus: boolean; firewall: boolean; ids: boolean; other: string | null } | null;
  publicIps?: string[];
  domains?: string[];
  systemPurpose?: string | null;
  securityProvider?: string | null;
  connectivityProvider?: string | null;
}

export interface ReportInput {
  title: string;
  description: string;
  systemId?: string | null;
  systemName?: string | null;
  operatorName?: string | null;
  ownerName?: string | null;
  detectedAt: string;
  occurredAt?: string | null;
  detectionMethod: DetectionMethod;
  detectionDetail?: string | null;
  handlingState: HandlingState;
  handlingResult?: string | null;
  notifiedParties?: NotifiedParty[];
  requests?: string | null;
  confidential?: boolean;
  reporter?: { name?: string | null; address?: string | null; phone?: string | null; email?: string | null };
  contact?: { name?: string | null; title?: string | null; phone?: string | null; email?: string | null };
  extra?: ReportExtra;
  fileIds?: string[];
  tlp?: Tlp;
}

export interface SubmitResult {
  id: string;
  trackingNo: string;
  status: ReportStatus;
  receivedAt: string;
  acknowledgedAt: string | null;
  created: boolean;
  observableCount: number;
  observablesTruncated: boolean;
}

export interface ReportSummary {
  id: string;
  trackingNo: string;
  title: string;
  source: string;
  status: ReportStatus;
  tlp: Tlp;
  organisation: { id: string; name: string } | null;
  systemName: string | null;
  receivedAt: string;
  acknowledgedAt: string | null;
  incident: { id: string; number: string } | null;
}

export interface ReportDetail extends ReportSummary {
  externalId: string | null;
  description: string;
  reporter: { userId: string | null; name: string; address: string | null; phone: string | null; email: string | null };
  contact: { name: string | null; title: string | null; phone: string | null; email: string | null };
  system: { id: string | null; name: string | null };
  detectedAt: string;
  occurredAt: string | null;
  detectionMethod: DetectionMethod;
  detectionDetail: string | null;
  handlingState: HandlingState;
  handlingResult: string | null;
  notifiedParties: NotifiedParty[];
  requests: string | null;
  confidential: boolean;
  triageReason: string | null;
  observables: { type: ObservableType; value: string }[];
  observablesTruncated: boolean;
  observableCount: number;
  files: { id: string; name: string; size: number; mediaType: string }[];
  extra: ReportExtra;
}

export interface ReportFilters {
  status?: ReportStatus;
  q?: string;
}

export interface SimilarItems {
  reports: { id: string; trackingNo: string; title: string; status: ReportStatus; shared: number }[];
  incidents: { id: string; number: string; title: string; shared: number }[];
}

export type TriageInput =
  | { action: 'open'; typeCode: string; severity?: Severity; tlp?: Tlp }
  | { action: 'attach'; incidentId: string }
  | { action: 'dismiss'; outcome: 'duplicate' | 'spam' | 'not-incident'; reason: string };

export interface TriageResult {
  id: string;
  status: ReportStatus;
  incident: { id: string; number: string } | null;
}

export interface IncidentTypeOption {
  code: string;
  nameVi: string;
  nameEn: string;
  active: boolean;
}
