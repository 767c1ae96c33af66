import { formatNumber } from './numbering.ts';
import type { DocumentFormat, DocumentKind } from './tables.ts';

type OrgRef = { id: string; code: string; name: string };

export type DocumentRow = {
  id: string;
  organisation: OrgRef;
  kind: DocumentKind;
  year: number;
  seq: number;
  number: string;
  title: string;
  format: DocumentFormat;
  sha256: string;
  size: number;
  mediaType: string;
  templateId: string;
  templateVersion: number;
  issuedById: string | null;
  issuedByName: string | null;
  issuedAt: Date;
};

export function presentDocument(d: DocumentRow) {
  const { issuedById, issuedByName, ...rest } = d;
  return {
    ...rest,
    issuedBy: issuedById ? { id: issuedById, displayName: issuedByName ?? '' } : null,
    issuedAt: d.issuedAt.toISOString(),
  };
}

export type SchemeRow = {
  id: string;
  organisation: OrgRef;
  kind: DocumentKind;
  pattern: string;
  orgSymbol: string | null;
  year: number;
  lastNumber: number;
  updatedAt: Date;
};

export function presentScheme(s: SchemeRow) {
  return {
    ...s,
    example: formatNumber(s.pattern, {
      n: s.lastNumber + 1,
      kind: s.kind,
      org: s.orgSymbol ?? s.organisation.code,
      year: s.year,
    }),
    updatedAt: s.updatedAt.toISOString(),
  };
}
