import { z } from 'zod';
import { pageOf, pageQuery } from '../../platform/pagination.ts';
import { emailField, line, prose } from '../../platform/text.ts';
import { ORGANISATION_KINDS } from './tables.ts';

export const kindSchema = z.enum(ORGANISATION_KINDS);
const isoDate = z.iso.date();

export const orgCodeField = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9._-]{0,39}$/, '1–40 characters: A-Z, 0-9, dot, dash, underscore');

export const organisationSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  shortName: z.string().nullable(),
  kind: kindSchema,
  parentId: z.uuid().nullable(),
  locality: z.string().nullable(),
  networkMemberCode: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  successorId: z.uuid().nullable(),
  active: z.boolean(),
  requireMfa: z.boolean(),
  updatedAt: z.string(),
});

export const contactSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  personName: z.string(),
  personRole: z.string().nullable(),
  phone247: z.string().nullable(),
  email: z.string().nullable(),
  otherChannels: z.string().nullable(),
  updatedAt: z.string(),
  /** last "my contact is current" confirmation or edit (R8) */
  confirmedAt: z.string().nullable(),
  confirmedBy: z.uuid().nullable(),
});

const orgFields = {
  name: line(300),
  nameEn: line(300).nullable().optional(),
  shortName: line(100).nullable().optional(),
  kind: kindSchema,
  parentId: z.uuid().nullable().optional(),
  locality: line(200).nullable().optional(),
  networkMemberCode: line(50).nullable().optional(),
  validFrom: isoDate.nullable().optional(),
  validTo: isoDate.nullable().optional(),
  successorId: z.uuid().nullable().optional(),
  active: z.boolean().optional(),
  requireMfa: z.boolean().optional(),
};

export const orgCreateBody = z.strictObject({ code: orgCodeField, ...orgFields });
export const orgUpdateBody = z.strictObject({ ...orgFields, kind: kindSchema.optional(), name: line(300).optional() });
export const orgListQuery = z.strictObject({
  ...pageQuery,
  q: z.string().max(200).optional(),
  kind: kindSchema.optional(),
  active: z.enum(['true', 'false']).optional(),
});
export const orgPage = pageOf(organisationSchema);
export const orgDetail = organisationSchema.extend({ contacts: z.array(contactSchema) });

const phone = z
  .string()
  .trim()
  .max(40)
  .regex(/^[+0-9 ().-]*$/, 'digits, spaces, + ( ) . - only');
export const contactBody = z.strictObject({
  personName: line(200),
  personRole: line(200).nullable().optional(),
  phone247: phone.nullable().optional(),
  email: emailField.nullable().optional(),
  otherChannels: prose(1000).nullable().optional(),
});
export const contactUpdateBody = contactBody.partial();

export const mergeBody = z.strictObject({ successorId: z.uuid(), effectiveDate: isoDate });
export const mergeReply = z.object({ organisation: organisationSchema, movedUsers: z.number() });
