import { z } from 'zod';
import { pageOf, pageQuery } from '../../platform/pagination.ts';
import { line } from '../../platform/text.ts';
import { patternProblem } from './numbering.ts';
import { DOCUMENT_FORMATS, DOCUMENT_KINDS } from './tables.ts';

export const kindSchema = z.enum(DOCUMENT_KINDS);
export const formatSchema = z.enum(DOCUMENT_FORMATS);

const orgRef = z.object({ id: z.uuid(), code: z.string(), name: z.string() });

export const documentSchema = z.object({
  id: z.uuid(),
  organisation: orgRef,
  kind: kindSchema,
  year: z.number(),
  seq: z.number(),
  number: z.string(),
  title: z.string(),
  format: formatSchema,
  sha256: z.string(),
  size: z.number(),
  mediaType: z.string(),
  templateId: z.string(),
  templateVersion: z.number(),
  issuedBy: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  issuedAt: z.string(),
});
export const documentDetail = documentSchema.extend({ input: z.unknown() });
export const documentPage = pageOf(documentSchema);

export const documentListQuery = z.strictObject({
  ...pageQuery,
  organisationId: z.uuid().optional(),
  kind: kindSchema.optional(),
  year: z.coerce.number().int().min(2000).max(2200).optional(),
});

const signerBody = z.strictObject({
  authority: line(100).nullable().optional(),
  position: line(100).optional(),
  name: line(100).optional(),
});

export const platformReportBody = z.strictObject({
  format: formatSchema.default('docx'),
  /** the issuing organisation; the caller's own when absent */
  organisationId: z.uuid().optional(),
  signer: signerBody.optional(),
});

export const patternField = z
  .string()
  .trim()
  .min(3)
  .max(60)
  .superRefine((value, issue) => {
    const problem = patternProblem(value);
    if (problem) issue.addIssue({ code: 'custom', message: problem });
  });

export const orgSymbolField = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9ĐđĂăÂâÊêÔôƠơƯư&.-]{1,30}$/, '1–30 letters, digits, & . -');

export const schemeSchema = z.object({
  id: z.uuid(),
  organisation: orgRef,
  kind: kindSchema,
  pattern: z.string(),
  orgSymbol: z.string().nullable(),
  year: z.number(),
  lastNumber: z.number(),
  example: z.string(),
  updatedAt: z.string(),
});
export const schemePage = pageOf(schemeSchema);
export const schemeListQuery = z.strictObject({ ...pageQuery, organisationId: z.uuid().optional() });
export const schemeParams = z.strictObject({ organisationId: z.uuid(), kind: kindSchema });
export const schemeBody = z.strictObject({ pattern: patternField, orgSymbol: orgSymbolField.nullable().optional() });
