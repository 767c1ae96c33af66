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

/** Incidents (#5). */
export const INCIDENT_STATUSES = [
  'new',
  'triage',
  'containment',
  'eradication',
  'recovery',
  'resolved',
  'closed',
  'rejected',
  'duplicate',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** PAP (Permissible Actions Protocol): what may be done with the information. */
export const PAP_LEVELS = ['clear', 'green', 'amber', 'red'] as const;
export type Pap = (typeof PAP_LEVELS)[number];

/** Where a report came in. #6 adds the public form, e-mail, SIEM webhooks and partners. */
export const REPORT_SOURCES = ['member-form', 'api', 'public-form', 'email', 'siem', 'partner'] as const;
export type ReportSource = (typeof REPORT_SOURCES)[number];

/** Mẫu 03 "cách thức phát hiện". */
export const DETECTION_METHODS = ['ids', 'log', 'notified', 'other'] as const;
export type DetectionMethod = (typeof DETECTION_METHODS)[number];

/** Mẫu 03 "hiện trạng". */
export const HANDLING_STATES = ['handled', 'not-yet'] as const;
export type HandlingState = (typeof HANDLING_STATES)[number];

/** Mẫu 03 "đã gửi thông báo cho". */
export const NOTIFIED_PARTIES = ['network-member', 'isp', 'coordinator'] as const;
export type NotifiedParty = (typeof NOTIFIED_PARTIES)[number];

/** A report's triage outcome; `new` until someone triages it. */
export const REPORT_STATUSES = ['new', 'logged', 'accepted', 'duplicate', 'spam', 'not-incident'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** How an organisation is involved in an incident (decides AMBER visibility). */
export const INCIDENT_ORG_RELATIONS = ['affected', 'reporting', 'addressed'] as const;
export type IncidentOrgRelation = (typeof INCIDENT_ORG_RELATIONS)[number];

/** Users named on an incident: the lead, the team, and anyone else named (TLP:RED sees only these). */
export const INCIDENT_MEMBER_ROLES = ['lead', 'team', 'named'] as const;
export type IncidentMemberRole = (typeof INCIDENT_MEMBER_ROLES)[number];

export const TASK_STATUSES = ['open', 'in-progress', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Observable types: the indicator types, plus cve and account (observable-only). */
export const INDICATOR_TYPES = [
  'ipv4',
  'ipv6',
  'cidr',
  'domain',
  'url',
  'email',
  'md5',
  'sha1',
  'sha256',
  'sha512',
  'filename',
] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];
export const OBSERVABLE_TYPES = [...INDICATOR_TYPES, 'cve', 'account'] as const;
export type ObservableType = (typeof OBSERVABLE_TYPES)[number];

/** Chain of custody actions on a piece of evidence. */
export const CUSTODY_ACTIONS = ['collected', 'received', 'accessed', 'exported', 'transferred'] as const;
export type CustodyAction = (typeof CUSTODY_ACTIONS)[number];

export const COMMENT_VISIBILITIES = ['internal', 'shared'] as const;
export type CommentVisibility = (typeof COMMENT_VISIBILITIES)[number];

/** Mẫu 05 columns: how the incident was handled. */
export const HANDLED_WITH = ['alone', 'domestic-help', 'foreign-help', 'national-coordinator'] as const;
export type HandledWith = (typeof HANDLED_WITH)[number];
