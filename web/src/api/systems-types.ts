// Types of the information systems API (contract: src/modules/constituency/systems/schemas.ts).

import type { ComponentKind, SystemCategory, SystemStatus } from '../../../src/shared/vocabulary';

export type { ComponentKind, SystemCategory, SystemStatus };

export interface OrgRefLite {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
}

export interface SecurityMeasures {
  antivirus: boolean;
  firewall: boolean;
  ids: boolean;
  other: string | null;
}

export interface InformationSystem {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  owner: OrgRefLite;
  operator: OrgRefLite;
  securityLevel: number | null;
  levelDecisionNo: string | null;
  levelDecisionDate: string | null;
  levelApprovedBy: string | null;
  category: SystemCategory;
  sharedProvincial: boolean;
  nationalCritical: boolean;
  internetFacing: boolean;
  description: string | null;
  status: SystemStatus;
  ownerContactId: string | null;
  securityMeasures: SecurityMeasures | null;
  securityProvider: string | null;
  connectivityProvider: string | null;
  osAndServices: string | null;
  createdAt: string;
  updatedAt: string;
  lastChangedAt: string;
}

export interface SystemComponent {
  id: string;
  systemId: string;
  kind: ComponentKind;
  ip: string | null;
  hostname: string | null;
  fqdn: string | null;
  url: string | null;
  cidr: string | null;
  domain: string | null;
  cpe: string | null;
  purl: string | null;
  vendor: string | null;
  product: string | null;
  version: string | null;
  os: string | null;
  note: string | null;
  createdAt: string;
}

/** The owner-side contact point a system names (shown to whoever reads the system). */
export interface SystemContact {
  id: string;
  organisationId: string;
  personName: string;
  personRole: string | null;
  phone247: string | null;
  email: string | null;
}

export interface SystemDetail extends InformationSystem {
  ownerContact: SystemContact | null;
  components: SystemComponent[];
  canManage: boolean;
}

export interface SystemFilters {
  q?: string;
  owner?: string;
  operator?: string;
  /** owner or operator */
  organisation?: string;
  level?: number;
  category?: SystemCategory;
  shared?: 'true' | 'false';
  status?: SystemStatus;
}

export type SystemInput = {
  code?: string;
  name?: string;
  nameEn?: string | null;
  ownerOrgId?: string;
  operatorOrgId?: string | null;
  securityLevel?: number | null;
  levelDecisionNo?: string | null;
  levelDecisionDate?: string | null;
  levelApprovedBy?: string | null;
  category?: SystemCategory;
  sharedProvincial?: boolean;
  nationalCritical?: boolean;
  internetFacing?: boolean;
  description?: string | null;
  status?: SystemStatus;
  ownerContactId?: string | null;
  securityMeasures?: SecurityMeasures | null;
  securityProvider?: string | null;
  connectivityProvider?: string | null;
  osAndServices?: string | null;
};

export type ComponentInput = Partial<Omit<SystemComponent, 'id' | 'systemId' | 'createdAt'>> & { kind?: ComponentKind };

export interface HistoryEntry {
  id: string;
  createdAt: string;
  actor: string;
  /** the acting user's display name; null for the platform's own jobs */
  actorName: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  diff: unknown;
}

/** A page of history with the organisations and contact points its changes refer to by id. */
export interface HistoryPage {
  items: HistoryEntry[];
  nextCursor: string | null;
  refs: {
    organisations: Record<string, OrgRefLite>;
    contacts: Record<string, { id: string; personName: string }>;
  };
}
