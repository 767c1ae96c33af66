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

/** Traffic Light Protocol 2.0, least to most restricted. */
export const TLP_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export type Tlp = (typeof TLP_LEVELS)[number];

/** What a notification is about: the unit of a user's notification preferences. */
export const NOTIFICATION_CATEGORIES = [
  'incident',
  'vulnerability',
  'advisory',
  'intel',
  'readiness',
  'coordination',
  'system',
] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

export const NOTIFICATION_CHANNELS = ['inapp', 'email', 'webhook'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** queued: first attempt pending; retrying: an attempt failed and another is due; failed: attempts used up. */
export const DELIVERY_STATUSES = ['queued', 'retrying', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * Kinds of administrative documents (Decree 30/2020/NĐ-CP, Appendix III abbreviations) that the
 * document registry numbers. A công văn (CV) has no kind abbreviation in its symbol.
 */
export const DOCUMENT_KINDS = ['BC', 'CV', 'KH', 'TB', 'QĐ', 'TTr', 'BB', 'HD', 'PA'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_FORMATS = ['docx', 'xlsx', 'pdf'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** Information-system categories (NĐ 85/2016 Điều 6). */
export const SYSTEM_CATEGORIES = [
  'internal',
  'citizen-services',
  'infrastructure',
  'industrial-control',
  'other',
] as const;
export type SystemCategory = (typeof SYSTEM_CATEGORIES)[number];

export const SYSTEM_STATUSES = ['planned', 'active', 'retired'] as const;
export type SystemStatus = (typeof SYSTEM_STATUSES)[number];

/** What a system is made of: a host, a URL, a network range, a domain, a piece of software. */
export const COMPONENT_KINDS = ['host', 'url', 'range', 'domain', 'software'] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

/** Security levels of NĐ 85/2016 (cấp độ 1–5). */
export const SECURITY_LEVELS = [1, 2, 3, 4, 5] as const;

/** Outcome of checking an organisation's portal page for its incident contact (R8). */
export const PUBLICATION_RESULTS = ['published', 'not-found', 'unreachable', 'blocked'] as const;
export type PublicationResult = (typeof PUBLICATION_RESULTS)[number];
/** The status list adds organisations never checked and those without a portal URL. */
export const PUBLICATION_STATUSES = [...PUBLICATION_RESULTS, 'unchecked', 'no-url'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];
