import type { NetworkEntry, NetworkKind } from './schemas.ts';

type Row = {
  id: string;
  organisationId: string;
  note: string | null;
  createdAt: Date;
  cidr?: string;
  domain?: string;
  includeSubdomains?: boolean;
  asn?: number;
};

export function presentNetwork(kind: NetworkKind, row: Row, conflict: 'tie' | 'overlap' | null): NetworkEntry {
  return {
    id: row.id,
    organisationId: row.organisationId,
    kind,
    value: kind === 'range' ? (row.cidr ?? '') : kind === 'domain' ? (row.domain ?? '') : `AS${row.asn}`,
    includeSubdomains: kind === 'domain' ? (row.includeSubdomains ?? true) : null,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
    conflict,
  };
}
