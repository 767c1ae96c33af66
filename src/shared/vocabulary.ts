// The fixed vocabulary the policy layer understands, shared by the server and the web client
// (plain constants: no imports, so the browser bundle can use them as they are).

export const ORGANISATION_KINDS = [
  'coordinator',
  'member',
  'locality',
  'police',
  'isp',
  'security-company',
  'national-coordinator',
  'other',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ROLES = ['admin', 'coordinator', 'responder', 'member-lead', 'member', 'partner', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
