// Types of the document registry API (contract: src/modules/documents/schemas.ts).

import type { DocumentFormat, DocumentKind } from '../../../src/shared/vocabulary';

export type { DocumentFormat, DocumentKind };

export interface IssuedDocument {
  id: string;
  organisation: { id: string; code: string; name: string };
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
  issuedBy: { id: string; displayName: string } | null;
  issuedAt: string;
}

export interface DocumentFilters {
  organisationId?: string;
  kind?: DocumentKind;
  year?: number;
}
