import { z } from 'zod';
import { pageOf, pageQuery } from '../../../platform/pagination.ts';
import { prose } from '../../../platform/text.ts';

export const NETWORK_KINDS = ['range', 'domain', 'asn'] as const;
export type NetworkKind = (typeof NETWORK_KINDS)[number];

const note = prose(1000).nullable().optional();

/** Values arrive as text and are normalised by the command, which answers malformed input in the user's language. */
export const networkBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('range'), cidr: z.string().max(200), note }),
  z.strictObject({
    kind: z.literal('domain'),
    domain: z.string().max(300),
    includeSubdomains: z.boolean().default(true),
    note,
  }),
  z.strictObject({ kind: z.literal('asn'), asn: z.union([z.string().max(64), z.number().int()]), note }),
]);
export type NetworkInput = z.infer<typeof networkBody>;

export const networkEntry = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  kind: z.enum(NETWORK_KINDS),
  /** canonical CIDR, normalised domain, or "AS64500" */
  value: z.string(),
  includeSubdomains: z.boolean().nullable(),
  note: z.string().nullable(),
  createdAt: z.iso.datetime(),
  /** another organisation claims the same block/domain (tie) or one inside/around it (overlap) */
  conflict: z.enum(['tie', 'overlap']).nullable(),
});
export type NetworkEntry = z.infer<typeof networkEntry>;
export const networkPage = pageOf(networkEntry);

export const networkListQuery = z.strictObject({ kind: z.enum(NETWORK_KINDS).default('range'), ...pageQuery });
export type NetworkListQuery = z.infer<typeof networkListQuery>;

export const networkEntryParams = z.strictObject({
  id: z.uuid(),
  kind: z.enum(NETWORK_KINDS),
  entryId: z.uuid(),
});

const orgRef = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: z.string(),
});

export const overlapSchema = z.object({
  kind: z.enum(['range', 'domain']),
  /** tie: both claim exactly this; overlap: `inner` lies inside `outer` (the inner one is the owner there) */
  relation: z.enum(['tie', 'overlap']),
  outer: z.object({ id: z.uuid(), value: z.string(), organisation: orgRef }),
  inner: z.object({ id: z.uuid(), value: z.string(), organisation: orgRef }),
});
export type Overlap = z.infer<typeof overlapSchema>;
export const overlapPage = pageOf(overlapSchema);
export const overlapQuery = z.strictObject({ ...pageQuery });

export const lookupQuery = z.strictObject({ value: z.string().max(8192) });

export const ownerSchema = z.object({
  organisation: orgRef,
  via: z.enum(['range', 'domain', 'component']),
  /** the range, domain or component value that matched */
  match: z.string(),
  /** for via=component: the information system */
  system: z.object({ id: z.uuid(), code: z.string(), name: z.string() }).nullable(),
});

export const lookupResponse = z.object({
  value: z.string(),
  normalised: z.string(),
  kind: z.string(),
  /** the IP or domain that was resolved (a URL's or e-mail's host) */
  host: z.string(),
  owners: z.array(ownerSchema),
  /** the most specific level names more than one organisation */
  tie: z.boolean(),
});
export type LookupResponse = z.infer<typeof lookupResponse>;
