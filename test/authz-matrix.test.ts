import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issuePlatformReport } from '../src/modules/documents/commands/platform-report.ts';
import { hashPassword } from '../src/modules/identity/passwords.ts';
import { ROLES, type Role } from '../src/modules/identity/tables.ts';
import { systemCtx } from '../src/platform/actor.ts';
import * as email from './authz/intake-email-routes.ts';
import * as siem from './authz/intake-siem-routes.ts';
import * as scansCoverage from './authz/scans-coverage-routes.ts';
import * as scans from './authz/scans-routes.ts';
import { makeContact, makeOrg, PASSWORD } from './factories.ts';
import { type TestEnv, testEnv } from './harness.ts';
import { as, login, type Session } from './http.ts';
import { notifyFixture } from './notify-fixture.ts';
import { makeSystem } from './systems-fixture.ts';

/**
 * The authorisation matrix: every registered route × every role × own/foreign organisation, sent as
 * real HTTP requests and compared with the table below. The table is written by hand from the
 * access rules in docs/ARCHITECTURE.md, NOT derived from the policy code. A route that is not in
 * the table fails the test, so every new route must be classified here.
 */

type Axis = 'own' | 'foreign';
type Expect = Record<Role, { own: boolean; foreign: boolean }>;

const all = (own: boolean, foreign: boolean) => Object.fromEntries(ROLES.map((r) => [r, { own, foreign }])) as Expect;
const only = (rules: Partial<Record<Role, [own: boolean, foreign: boolean]>>): Expect =>
  Object.fromEntries(ROLES.map((r) => [r, { own: rules[r]?.[0] ?? false, foreign: rules[r]?.[1] ?? false }])) as Expect;

const CONSTITUENCY_WIDE: [boolean, boolean] = [true, true];
const OWN_ONLY: [boolean, boolean] = [true, false];

/** Route class × role → allowed, for the subject in the actor's own organisation and in another. */
const EXPECTATIONS: Record<string, Expect> = {
  self: all(true, true),
  search: all(true, true),
  'org.list': all(true, true),
  'user.list': all(true, true),
  'org.read': only({
    admin: CONSTITUENCY_WIDE,
    coordinator: CONSTITUENCY_WIDE,
    responder: CONSTITUENCY_WIDE,
    viewer: CONSTITUENCY_WIDE,
    'member-lead': OWN_ONLY,
    member: OWN_ONLY,
    partner: OWN_ONLY,
  }),
  'user.read': only({
    admin: CONSTITUENCY_WIDE,
    coordinator: CONSTITUENCY_WIDE,
    responder: CONSTITUENCY_WIDE,
    viewer: CONSTITUENCY_WIDE,
    'member-lead': OWN_ONLY,
    member: OWN_ONLY,
    partner: OWN_ONLY,
  }),
  'org.create': only({ admin: CONSTITUENCY_WIDE, coordinator: CONSTITUENCY_WIDE }),
  'org.manage': only({ admin: CONSTITUENCY_WIDE, coordinator: CONSTITUENCY_WIDE }),
  'contact.manage': only({ admin: CONSTITUENCY_WIDE, coordinator: CONSTITUENCY_WIDE, 'member-lead': OWN_ONLY }),
  'user.create': only({ admin: CONSTITUENCY_WIDE, coordinator: CONSTITUENCY_WIDE, 'member-lead': OWN_ONLY }),
  'user.manage': only({ admin: CONSTITUENCY_WIDE, coordinator: CONSTITUENCY_WIDE, 'member-lead': OWN_ONLY }),
  'audit.read': only({ admin: CONSTITUENCY_WIDE, coordinator: CONSTITUENCY_WIDE }),
  'settings.manage': only({ admin: CONSTITUENCY_WIDE }),
  'webhook.manage': only({ admin: CONSTITUENCY_WIDE }),
  'notify.records': only({ admin: CONSTITUENCY_WIDE, coordinator: CONSTITUENCY_WIDE }),
  'document.list': all(true, true),
  'document.read': only({
    admin: CONSTITUENCY_WIDE,
    coordinator: CONSTITUENCY_WIDE,
    responder: CONSTITUENCY_WIDE,
    viewer: CONSTITUENCY_WIDE,
    'member-lead': OWN_ONLY,
    member: OWN_ONLY,
    partner: OWN_ONLY,
  }),
  'document.issue': only({ admin: CONSTITUENCY_WIDE, coordinator: CONSTITUENCY_WIDE }),
  'numbering.list': only({ admin: CONSTITUENCY_WIDE, coordinator: CONSTITUENCY_WIDE, 'member-lead': OWN_ONLY }),
  'numbering.manage': only({ admin: CONSTITUENCY_WIDE, coordinator: CONSTITUENCY_WIDE, 'member-lead': OWN_ONLY }),
  // Contact publication (R8), registry access: partners see none of it.
  'publication.read': only({
    admin: CONSTITUENCY_WIDE,
    coordinator: CONSTITUENCY_WIDE,
    responder: CONSTITUENCY_WIDE,
    viewer: CONSTITUENCY_WIDE,
    'member-lead': OWN_ONLY,
    member: OWN_ONLY,
  }),
  'publication.manage': only({ admin: CONSTITUENCY_WIDE, coordinator: CONSTITUENCY_WIDE, 'member-lead': OWN_ONLY }),
  'publication.list': only({
    admin: CONSTITUENCY_WIDE,
    coordinator: CONSTITUENCY_WIDE,
    responder: CONSTITUENCY_WIDE,
    viewer: CONSTITUENCY_WIDE,
  }),
  'contact.confirm': only({
    admin: CONSTITUENCY_WIDE,
    coordinator: CONSTITUENCY_WIDE,
    'member-lead': OWN_ONLY,
    member: OWN_ONLY,
  }),
  // Information systems (Registry access): readers see all, members what their organisation owns
  // or operates, partners none; coordinators manage all, members their own organisation's.
  'system.list': only({
    admin: CONSTITUENCY_WIDE,
    coordinator: CONSTITUENCY_WIDE,
    responder: CONSTITUENCY_WIDE,
    viewer: CONSTITUENCY_WIDE,
    'member-lead': CONSTITUENCY_WIDE,
    member: CONSTITUENCY_WIDE,
  }),
  'system.read': only({
    admin: CONSTITUENCY_WIDE,
    coordinator: CONSTITUENCY_WIDE,
    responder: CONSTITUENCY_WIDE,
    viewer: CONSTITUENCY_WIDE,
    'member-lead': OWN_ONLY,
    member: OWN_ONLY,
  }),
  'system.manage': only({
    admin: CONSTITUENCY_WIDE,
    coordinator: CONSTITUENCY_WIDE,
    'member-lead': OWN_ONLY,
    member: OWN_ONLY,
  }),
  // Any logged-in user uploads; a file is read by its uploader (test: src/modules/files/upload-routes.test.ts)
  // and by the incident handlers — here the subject is a file someone else in the organisation uploaded.
  'file.upload': all(true, true),
  // Registry bulk data: coordinators import anything; a member-lead may upload (its rows outside its
  // own organisation's contacts and systems are row errors); everyone exports what they may see.
  'registry.import': only({ admin: CONSTITUENCY_WIDE, coordinator: CONSTITUENCY_WIDE, 'member-lead': OWN_ONLY }),
  'registry.export': all(true, true),
  'file.read': only({ admin: CONSTITUENCY_WIDE, coordinator: CONSTITUENCY_WIDE, responder: CONSTITUENCY_WIDE }),
  // Network ownership (Registry access): readers see every organisation's networks, members their
  // own; claiming address space is for coordinators. Lookups: readers see every owner, members only
  // whether their organisation owns it; partners none (an ISP's own-range lookups: networks.test.ts).
  'network.read': only({
    admin: CONSTITUENCY_WIDE,
    coordinator: CONSTITUENCY_WIDE,
    responder: CONSTITUENCY_WIDE,
    viewer: CONSTITUENCY_WIDE,
    'member-lead': OWN_ONLY,
    member: OWN_ONLY,
  }),
  'network.manage': only({ admin: CONSTITUENCY_WIDE, coordinator: CONSTITUENCY_WIDE }),
  // Intake statistics (#6): the IR team.
  'intake.stats': only({ admin: CONSTITUENCY_WIDE, coordinator: CONSTITUENCY_WIDE, responder: CONSTITUENCY_WIDE }),
  ...siem.EXPECTATIONS,
  ...email.EXPECTATIONS,
  ...scans.EXPECTATIONS,
  ...scansCoverage.EXPECTATIONS,
  'network.overlaps': only({
    admin: CONSTITUENCY_WIDE,
    coordinator: CONSTITUENCY_WIDE,
    responder: CONSTITUENCY_WIDE,
    viewer: CONSTITUENCY_WIDE,
  }),
  'ownership.lookup': only({
    admin: CONSTITUENCY_WIDE,
    coordinator: CONSTITUENCY_WIDE,
    responder: CONSTITUENCY_WIDE,
    viewer: CONSTITUENCY_WIDE,
    'member-lead': CONSTITUENCY_WIDE,
    member: CONSTITUENCY_WIDE,
  }),
};

type Fixture = {
  actor: { id: string; username: string; organisationId: string };
  session: Session;
  subjectOrgId: string;
  targetUserId: string;
  contactId: string;
  tokenId: string;
  targetTokenId: string;
  sessionPublicId: string;
  successorOrgId: string;
  notify: { inboxItemId: string; webhookId: string; deliveryId: string };
  documentId: string;
  system: { systemId: string; componentId: string };
  fileId: string;
  networkRangeId: string;
  scans?: scans.ScanIds;
};

type Sample = { class: string; axis: boolean; request: (f: Fixture) => { url: string; payload?: unknown } };

const strong = 'an-acceptable-passphrase-42';
const u = () => randomBytes(4).toString('hex');

/** Every route the app registers, with its class and a valid request. */
const ROUTES: Record<string, Sample> = {
  'POST /api/auth/mfa': {
    class: 'self',
    axis: false,
    request: () => ({ url: '/api/auth/mfa', payload: { code: '123456' } }),
  },
  'GET /api/auth/mfa': { class: 'self', axis: false, request: () => ({ url: '/api/auth/mfa' }) },
  'POST /api/auth/logout': { class: 'self', axis: false, request: () => ({ url: '/api/auth/logout' }) },
  'GET /api/me': { class: 'self', axis: false, request: () => ({ url: '/api/me' }) },
  'PATCH /api/me': { class: 'self', axis: false, request: () => ({ url: '/api/me', payload: { locale: 'en' } }) },
  'POST /api/me/password': {
    class: 'self',
    axis: false,
    request: () => ({ url: '/api/me/password', payload: { currentPassword: PASSWORD, newPassword: strong } }),
  },
  'POST /api/me/mfa/setup': { class: 'self', axis: false, request: () => ({ url: '/api/me/mfa/setup' }) },
  'POST /api/me/mfa/enable': {
    class: 'self',
    axis: false,
    request: () => ({ url: '/api/me/mfa/enable', payload: { code: '123456' } }),
  },
  'POST /api/me/mfa/disable': {
    class: 'self',
    axis: false,
    request: () => ({ url: '/api/me/mfa/disable', payload: { password: PASSWORD } }),
  },
  'GET /api/me/sessions': { class: 'self', axis: false, request: () => ({ url: '/api/me/sessions' }) },
  'DELETE /api/me/sessions/:id': {
    class: 'self',
    axis: false,
    request: (f) => ({ url: `/api/me/sessions/${f.sessionPublicId}` }),
  },
  'POST /api/me/sessions/revoke-all': {
    class: 'self',
    axis: false,
    request: () => ({ url: '/api/me/sessions/revoke-all' }),
  },
  'GET /api/me/tokens': { class: 'self', axis: false, request: () => ({ url: '/api/me/tokens' }) },
  'POST /api/me/tokens': {
    class: 'self',
    axis: false,
    request: () => ({ url: '/api/me/tokens', payload: { name: 'ci', scopes: ['read'] } }),
  },
  'DELETE /api/me/tokens/:id': { class: 'self', axis: false, request: (f) => ({ url: `/api/me/tokens/${f.tokenId}` }) },
  'GET /api/search': { class: 'search', axis: false, request: () => ({ url: '/api/search?q=thu' }) },
  'GET /api/organisations': { class: 'org.list', axis: false, request: () => ({ url: '/api/organisations' }) },
  'GET /api/organisations/tree': {
    class: 'org.list',
    axis: false,
    request: () => ({ url: '/api/organisations/tree' }),
  },
  'GET /api/organisations/stats': {
    class: 'org.list',
    axis: false,
    request: () => ({ url: '/api/organisations/stats' }),
  },
  'GET /api/organisations/:id': {
    class: 'org.read',
    axis: true,
    request: (f) => ({ url: `/api/organisations/${f.subjectOrgId}` }),
  },
  'GET /api/organisations/:id/contacts': {
    class: 'org.read',
    axis: true,
    request: (f) => ({ url: `/api/organisations/${f.subjectOrgId}/contacts` }),
  },
  'POST /api/organisations': {
    class: 'org.create',
    axis: false,
    request: () => ({ url: '/api/organisations', payload: { code: `M-${u()}`, name: 'Đơn vị mới', kind: 'member' } }),
  },
  'PATCH /api/organisations/:id': {
    class: 'org.manage',
    axis: true,
    request: (f) => ({ url: `/api/organisations/${f.subjectOrgId}`, payload: { locality: 'Tam Kỳ' } }),
  },
  'POST /api/organisations/:id/merge': {
    class: 'org.manage',
    axis: true,
    request: (f) => ({
      url: `/api/organisations/${f.subjectOrgId}/merge`,
      payload: { successorId: f.successorOrgId, effectiveDate: '2025-07-01' },
    }),
  },
  'POST /api/organisations/:id/contacts': {
    class: 'contact.manage',
    axis: true,
    request: (f) => ({ url: `/api/organisations/${f.subjectOrgId}/contacts`, payload: { personName: 'Trần Thị B' } }),
  },
  'PATCH /api/contacts/:id': {
    class: 'contact.manage',
    axis: true,
    request: (f) => ({ url: `/api/contacts/${f.contactId}`, payload: { personRole: 'Trực 24/7' } }),
  },
  'DELETE /api/contacts/:id': {
    class: 'contact.manage',
    axis: true,
    request: (f) => ({ url: `/api/contacts/${f.contactId}` }),
  },
  'GET /api/users': { class: 'user.list', axis: false, request: () => ({ url: '/api/users' }) },
  'GET /api/users/:id': { class: 'user.read', axis: true, request: (f) => ({ url: `/api/users/${f.targetUserId}` }) },
  'POST /api/users': {
    class: 'user.create',
    axis: true,
    request: (f) => ({
      url: '/api/users',
      payload: {
        username: `n${u()}`,
        displayName: 'Nhân viên mới',
        organisationId: f.subjectOrgId,
        roles: ['member'],
        password: strong,
      },
    }),
  },
  'PATCH /api/users/:id': {
    class: 'user.manage',
    axis: true,
    request: (f) => ({ url: `/api/users/${f.targetUserId}`, payload: { displayName: 'Đổi tên' } }),
  },
  'POST /api/users/:id/reset-password': {
    class: 'user.manage',
    axis: true,
    request: (f) => ({ url: `/api/users/${f.targetUserId}/reset-password`, payload: { password: strong } }),
  },
  'GET /api/users/:id/tokens': {
    class: 'user.manage',
    axis: true,
    request: (f) => ({ url: `/api/users/${f.targetUserId}/tokens` }),
  },
  'DELETE /api/users/:id/tokens/:tokenId': {
    class: 'user.manage',
    axis: true,
    request: (f) => ({ url: `/api/users/${f.targetUserId}/tokens/${f.targetTokenId}` }),
  },
  'GET /api/users/:id/sessions': {
    class: 'user.manage',
    axis: true,
    request: (f) => ({ url: `/api/users/${f.targetUserId}/sessions` }),
  },
  'DELETE /api/users/:id/sessions': {
    class: 'user.manage',
    axis: true,
    request: (f) => ({ url: `/api/users/${f.targetUserId}/sessions` }),
  },
  'GET /api/admin/settings/mfa': {
    class: 'settings.manage',
    axis: false,
    request: () => ({ url: '/api/admin/settings/mfa' }),
  },
  'PUT /api/admin/settings/mfa': {
    class: 'settings.manage',
    axis: false,
    request: () => ({ url: '/api/admin/settings/mfa', payload: { roles: [] } }),
  },
  'GET /api/admin/test-clock': {
    class: 'settings.manage',
    axis: false,
    request: () => ({ url: '/api/admin/test-clock' }),
  },
  'PUT /api/admin/test-clock': {
    class: 'settings.manage',
    axis: false,
    request: () => ({ url: '/api/admin/test-clock', payload: { advanceMs: 0 } }),
  },
  'GET /api/audit': { class: 'audit.read', axis: false, request: () => ({ url: '/api/audit' }) },
  'GET /api/audit/export.csv': { class: 'audit.read', axis: false, request: () => ({ url: '/api/audit/export.csv' }) },
  'GET /api/audit/status': { class: 'audit.read', axis: false, request: () => ({ url: '/api/audit/status' }) },
  'GET /api/me/notifications': { class: 'self', axis: false, request: () => ({ url: '/api/me/notifications' }) },
  'GET /api/me/notifications/unread-count': {
    class: 'self',
    axis: false,
    request: () => ({ url: '/api/me/notifications/unread-count' }),
  },
  'POST /api/me/notifications/read-all': {
    class: 'self',
    axis: false,
    request: () => ({ url: '/api/me/notifications/read-all' }),
  },
  'POST /api/me/notifications/:id/read': {
    class: 'self',
    axis: false,
    request: (f) => ({ url: `/api/me/notifications/${f.notify.inboxItemId}/read` }),
  },
  'POST /api/me/notifications/:id/acknowledge': {
    class: 'self',
    axis: false,
    request: (f) => ({ url: `/api/me/notifications/${f.notify.inboxItemId}/acknowledge` }),
  },
  'GET /api/me/notification-preferences': {
    class: 'self',
    axis: false,
    request: () => ({ url: '/api/me/notification-preferences' }),
  },
  'PUT /api/me/notification-preferences': {
    class: 'self',
    axis: false,
    request: () => ({
      url: '/api/me/notification-preferences',
      payload: { items: [{ category: 'system', email: false, digest: false, organisation: true }] },
    }),
  },
  'GET /api/organisations/:id/notify-addresses': {
    class: 'org.read',
    axis: true,
    request: (f) => ({ url: `/api/organisations/${f.subjectOrgId}/notify-addresses` }),
  },
  'PUT /api/organisations/:id/notify-addresses': {
    class: 'contact.manage',
    axis: true,
    request: (f) => ({
      url: `/api/organisations/${f.subjectOrgId}/notify-addresses`,
      payload: { emails: ['truc@don-vi.test'] },
    }),
  },
  'GET /api/admin/webhooks': { class: 'webhook.manage', axis: false, request: () => ({ url: '/api/admin/webhooks' }) },
  'POST /api/admin/webhooks': {
    class: 'webhook.manage',
    axis: false,
    request: () => ({
      url: '/api/admin/webhooks',
      payload: { name: 'SIEM', url: 'https://siem.test/hook', categories: ['incident'] },
    }),
  },
  'GET /api/admin/webhooks/:id': {
    class: 'webhook.manage',
    axis: false,
    request: (f) => ({ url: `/api/admin/webhooks/${f.notify.webhookId}` }),
  },
  'PATCH /api/admin/webhooks/:id': {
    class: 'webhook.manage',
    axis: false,
    request: (f) => ({ url: `/api/admin/webhooks/${f.notify.webhookId}`, payload: { name: 'Đổi tên' } }),
  },
  'DELETE /api/admin/webhooks/:id': {
    class: 'webhook.manage',
    axis: false,
    request: (f) => ({ url: `/api/admin/webhooks/${f.notify.webhookId}` }),
  },
  'POST /api/admin/webhooks/:id/enable': {
    class: 'webhook.manage',
    axis: false,
    request: (f) => ({ url: `/api/admin/webhooks/${f.notify.webhookId}/enable` }),
  },
  'POST /api/admin/webhooks/:id/test': {
    class: 'webhook.manage',
    axis: false,
    request: (f) => ({ url: `/api/admin/webhooks/${f.notify.webhookId}/test` }),
  },
  'GET /api/admin/webhooks/:id/deliveries': {
    class: 'webhook.manage',
    axis: false,
    request: (f) => ({ url: `/api/admin/webhooks/${f.notify.webhookId}/deliveries` }),
  },
  'GET /api/admin/notifications/deliveries': {
    class: 'notify.records',
    axis: false,
    request: () => ({ url: '/api/admin/notifications/deliveries?status=failed' }),
  },
  'POST /api/admin/notifications/deliveries/:id/retry': {
    class: 'notify.records',
    axis: false,
    request: (f) => ({ url: `/api/admin/notifications/deliveries/${f.notify.deliveryId}/retry` }),
  },
  'GET /api/documents': { class: 'document.list', axis: false, request: () => ({ url: '/api/documents?kind=BC' }) },
  'GET /api/documents/:id': {
    class: 'document.read',
    axis: true,
    request: (f) => ({ url: `/api/documents/${f.documentId}` }),
  },
  'GET /api/documents/:id/file': {
    class: 'document.read',
    axis: true,
    request: (f) => ({ url: `/api/documents/${f.documentId}/file` }),
  },
  'POST /api/documents/platform-report': {
    class: 'document.issue',
    axis: false,
    request: () => ({ url: '/api/documents/platform-report', payload: { format: 'docx' } }),
  },
  'POST /api/documents/platform-report/preview': {
    class: 'document.issue',
    axis: false,
    request: () => ({ url: '/api/documents/platform-report/preview', payload: { format: 'xlsx' } }),
  },
  'GET /api/numbering-schemes': {
    class: 'numbering.list',
    axis: false,
    request: () => ({ url: '/api/numbering-schemes' }),
  },
  'GET /api/organisations/:id/publication': {
    class: 'publication.read',
    axis: true,
    request: (f) => ({ url: `/api/organisations/${f.subjectOrgId}/publication` }),
  },
  'GET /api/organisations/:id/publication/checks': {
    class: 'publication.read',
    axis: true,
    request: (f) => ({ url: `/api/organisations/${f.subjectOrgId}/publication/checks` }),
  },
  'PUT /api/organisations/:id/publication/portal': {
    class: 'publication.manage',
    axis: true,
    request: (f) => ({
      url: `/api/organisations/${f.subjectOrgId}/publication/portal`,
      // removing keeps the fixture without a URL, so "check now" below never fetches
      payload: { url: null },
    }),
  },
  // No portal URL in the fixture: an allowed caller gets 409.
  'POST /api/organisations/:id/publication/check': {
    class: 'publication.manage',
    axis: true,
    request: (f) => ({ url: `/api/organisations/${f.subjectOrgId}/publication/check` }),
  },
  'POST /api/contacts/:id/confirm': {
    class: 'contact.confirm',
    axis: true,
    request: (f) => ({ url: `/api/contacts/${f.contactId}/confirm` }),
  },
  'GET /api/publication/status': {
    class: 'publication.list',
    axis: false,
    request: () => ({ url: '/api/publication/status?status=published' }),
  },
  'GET /api/publication/summary': {
    class: 'publication.list',
    axis: false,
    request: () => ({ url: '/api/publication/summary' }),
  },
  'PUT /api/numbering-schemes/:organisationId/:kind': {
    class: 'numbering.manage',
    axis: true,
    request: (f) => ({ url: `/api/numbering-schemes/${f.subjectOrgId}/KH`, payload: { pattern: '{n}/{kind}-{org}' } }),
  },
  'GET /api/systems': { class: 'system.list', axis: false, request: () => ({ url: '/api/systems?level=2' }) },
  'GET /api/systems/:id': {
    class: 'system.read',
    axis: true,
    request: (f) => ({ url: `/api/systems/${f.system.systemId}` }),
  },
  'GET /api/systems/:id/history': {
    class: 'system.read',
    axis: true,
    request: (f) => ({ url: `/api/systems/${f.system.systemId}/history` }),
  },
  'POST /api/systems': {
    class: 'system.manage',
    axis: true,
    request: (f) => ({
      url: '/api/systems',
      payload: { code: `HT-${u()}`, name: 'Cổng thông tin', ownerOrgId: f.subjectOrgId, category: 'citizen-services' },
    }),
  },
  'PATCH /api/systems/:id': {
    class: 'system.manage',
    axis: true,
    request: (f) => ({ url: `/api/systems/${f.system.systemId}`, payload: { securityLevel: 3 } }),
  },
  'POST /api/systems/:id/retire': {
    class: 'system.manage',
    axis: true,
    request: (f) => ({ url: `/api/systems/${f.system.systemId}/retire` }),
  },
  'POST /api/systems/:id/components': {
    class: 'system.manage',
    axis: true,
    request: (f) => ({
      url: `/api/systems/${f.system.systemId}/components`,
      payload: { kind: 'software', cpe: 'cpe:2.3:a:f5:nginx:1.24.0:*:*:*:*:*:*:*' },
    }),
  },
  'PATCH /api/systems/:id/components/:componentId': {
    class: 'system.manage',
    axis: true,
    request: (f) => ({
      url: `/api/systems/${f.system.systemId}/components/${f.system.componentId}`,
      payload: { note: 'Máy chủ web chính' },
    }),
  },
  'POST /api/systems/:id/components/:componentId/confirm-ownership': {
    class: 'network.manage',
    axis: true,
    request: (f) => ({ url: `/api/systems/${f.system.systemId}/components/${f.system.componentId}/confirm-ownership` }),
  },
  'DELETE /api/systems/:id/components/:componentId': {
    class: 'system.manage',
    axis: true,
    request: (f) => ({ url: `/api/systems/${f.system.systemId}/components/${f.system.componentId}` }),
  },
  'GET /api/registry/template': {
    class: 'registry.import',
    axis: false,
    request: () => ({ url: '/api/registry/template' }),
  },
  'POST /api/registry/import': {
    class: 'registry.import',
    axis: false,
    request: () => ({ url: '/api/registry/import', payload: registryForm() }),
  },
  // An unknown plan token: an allowed caller gets 410 (expired or used), the others 403.
  'POST /api/registry/import/:token/commit': {
    class: 'registry.import',
    axis: false,
    request: () => ({ url: `/api/registry/import/${randomBytes(32).toString('base64url')}/commit` }),
  },
  'GET /api/registry/export': {
    class: 'registry.export',
    axis: false,
    request: () => ({ url: '/api/registry/export?format=csv&entity=organisations' }),
  },
  'POST /api/files': {
    class: 'file.upload',
    axis: false,
    request: () => ({ url: '/api/files', payload: uploadForm() }),
  },
  'GET /api/files/:id': { class: 'file.read', axis: true, request: (f) => ({ url: `/api/files/${f.fileId}` }) },
  'GET /api/ownership': {
    class: 'ownership.lookup',
    axis: false,
    request: () => ({ url: '/api/ownership?value=203.0.113.10' }),
  },
  'GET /api/networks/component-claims': {
    class: 'network.overlaps',
    axis: false,
    request: () => ({ url: '/api/networks/component-claims' }),
  },
  'GET /api/networks/overlaps': {
    class: 'network.overlaps',
    axis: false,
    request: () => ({ url: '/api/networks/overlaps' }),
  },
  'GET /api/organisations/:id/networks': {
    class: 'network.read',
    axis: true,
    request: (f) => ({ url: `/api/organisations/${f.subjectOrgId}/networks?kind=range` }),
  },
  'POST /api/organisations/:id/networks': {
    class: 'network.manage',
    axis: true,
    request: (f) => ({
      url: `/api/organisations/${f.subjectOrgId}/networks`,
      payload: { kind: 'domain', domain: `d${u()}.test.example` },
    }),
  },
  'DELETE /api/organisations/:id/networks/:kind/:entryId': {
    class: 'network.manage',
    axis: true,
    request: (f) => ({ url: `/api/organisations/${f.subjectOrgId}/networks/range/${f.networkRangeId}` }),
  },
  'GET /api/intake/stats': { class: 'intake.stats', axis: false, request: () => ({ url: '/api/intake/stats' }) },
  ...siem.ROUTES,
  ...email.ROUTES,
  ...scans.ROUTES,
  ...scansCoverage.ROUTES,
  'GET /api/files/:id/content': {
    class: 'file.read',
    axis: true,
    request: (f) => ({ url: `/api/files/${f.fileId}/content` }),
  },
};

/** A multipart body with one small file (light-my-request encodes FormData like a browser). */
/** A one-row registry CSV (a dry run writes nothing). */
function registryForm(): FormData {
  const form = new FormData();
  form.append('file', new File(['Mã đơn vị,Tên đơn vị,Loại đơn vị\r\nMX-1,Đơn vị,member\r\n'], 'don-vi.csv'));
  return form;
}

function uploadForm(): FormData {
  const form = new FormData();
  form.append('file', new File(['Nhật ký máy chủ\n'], 'nhật-ký.log', { type: 'text/plain' }));
  return form;
}

/** Routes anyone may call (login, health, docs). */
const PUBLIC = new Set([
  'POST /api/auth/login',
  // Single sign-on: the status for the login page, and the two browser redirects of the code flow.
  'GET /api/auth/oidc',
  'GET /api/auth/oidc/login',
  'GET /api/auth/oidc/callback',
  'GET /healthz',
  'GET /readyz',
  'GET /metrics',
  'GET /api/openapi.json',
  // The public report form and its status page (#6): rate-limited, challenge-gated; tested in
  // src/modules/intake/public/public-report.test.ts.
  'POST /api/public/challenge',
  'POST /api/public/reports',
  'GET /api/public/reports/:code',
  ...siem.PUBLIC_ROUTES,
]);

let env: TestEnv;
let ownOrg: string;
let foreignOrg: string;
/** one issued document per organisation, for the document routes */
const documentOf = new Map<string, string>();
/** one file per organisation, uploaded by a member of it (not by the actor) */
const fileOf = new Map<string, string>();

beforeAll(async () => {
  env = await testEnv({ poolSize: 8 });
  ownOrg = (await makeOrg(env.platform)).id;
  foreignOrg = (await makeOrg(env.platform)).id;
  await siem.prepareSiem(env, [ownOrg, foreignOrg]);
  await email.prepareEmail(env, [ownOrg, foreignOrg]);
  for (const organisationId of [ownOrg, foreignOrg]) {
    const doc = await issuePlatformReport(env.platform, systemCtx('system:test', env.clock), {
      organisationId,
      format: 'docx',
    });
    documentOf.set(organisationId, doc.id);
    const uploader = await insertUser(organisationId, ['member']);
    const s = await login(env.app, uploader.username, PASSWORD);
    const upload = await as(env.app, s)('POST', '/api/files', uploadForm());
    if (upload.statusCode !== 201) throw new Error(`fixture upload failed: ${upload.statusCode} ${upload.body}`);
    fileOf.set(organisationId, upload.json().item.id);
  }
});
afterAll(() => env.close());

let passwordHash: string | undefined;
/** Users straight into the table (one shared argon2 hash keeps the matrix fast). */
async function insertUser(organisationId: string, roles: Role[]) {
  passwordHash ??= await hashPassword(PASSWORD);
  const username = `m${u()}`;
  const r = await env.platform.pool.query<{ id: string }>(
    'INSERT INTO users (username, display_name, organisation_id, password_hash) VALUES ($1, $2, $3, $4) RETURNING id',
    [username, 'Ma trận', organisationId, passwordHash],
  );
  const id = r.rows[0]?.id ?? '';
  for (const role of roles)
    await env.platform.pool.query('INSERT INTO user_roles (user_id, role) VALUES ($1, $2)', [id, role]);
  return { id, username, organisationId };
}

async function fixture(role: Role, axis: Axis): Promise<Fixture> {
  const actor = await insertUser(ownOrg, [role]);
  const session = await login(env.app, actor.username, PASSWORD);
  const subjectOrgId = axis === 'own' ? ownOrg : foreignOrg;
  const target = await insertUser(subjectOrgId, ['member']);
  const contact = await makeContact(env.platform, subjectOrgId);
  const token = await as(env.app, session)('POST', '/api/me/tokens', { name: 'fixture', scopes: ['read'] });
  const targetToken = await env.platform.pool.query<{ id: string }>(
    "INSERT INTO api_tokens (user_id, name, token_hash, scopes) VALUES ($1, 'target', $2, '{read}') RETURNING id",
    [target.id, u() + u() + u()],
  );
  const sessions = await as(env.app, session)('GET', '/api/me/sessions');
  return {
    actor,
    session,
    subjectOrgId,
    targetUserId: target.id,
    contactId: contact.id,
    tokenId: token.json().item.id,
    targetTokenId: targetToken.rows[0]?.id ?? '',
    sessionPublicId: sessions.json().items[0].id,
    successorOrgId: (await makeOrg(env.platform)).id,
    notify: await notifyFixture(env.platform, actor.id),
    documentId: documentOf.get(subjectOrgId) ?? '',
    system: await makeSystem(env.platform, subjectOrgId),
    fileId: fileOf.get(subjectOrgId) ?? '',
    networkRangeId: await networkRange(subjectOrgId),
    scans: await scans.prepareScans(env, subjectOrgId),
  };
}

/** A range claimed by the organisation, for the delete route (10/8: tests only). */
async function networkRange(organisationId: string): Promise<string> {
  const r = await env.platform.pool.query<{ id: string }>(
    `INSERT INTO network_ranges (organisation_id, cidr) VALUES ($1, $2::cidr) RETURNING id`,
    [organisationId, `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}/32`],
  );
  return r.rows[0]?.id ?? '';
}

const DENIED = new Set([401, 403, 404]);

describe('authorisation matrix', () => {
  it('every registered route is classified in the hand-written table, with the same class', () => {
    const outside = env.routes.filter((r) => r.url.startsWith('/api/docs') || !r.url.startsWith('/api/'));
    for (const r of outside) expect(r.auth, `${r.method} ${r.url}`).toBe('public');
    // incident-area routes (class incident.*) have their own matrix with a TLP axis: authz-incidents.test.ts
    const registered = env.routes.filter((r) => !outside.includes(r) && !r.routeClass?.startsWith('incident.'));
    for (const r of registered) {
      const key = `${r.method} ${r.url}`;
      if (PUBLIC.has(key)) {
        expect(r.auth, key).toBe('public');
        continue;
      }
      expect(ROUTES[key], `route ${key} is missing from the authorisation matrix`).toBeDefined();
      expect(r.routeClass, key).toBe(ROUTES[key]?.class);
    }
    for (const key of Object.keys(ROUTES)) {
      expect(
        registered.some((r) => `${r.method} ${r.url}` === key),
        `${key} is in the table but not registered`,
      ).toBe(true);
    }
  });

  it('refuses every non-public route without a login', async () => {
    for (const [key, sample] of Object.entries(ROUTES)) {
      const [method, route] = key.split(' ') as ['GET', string];
      const f = {
        subjectOrgId: ownOrg,
        targetUserId: randomUUID(),
        contactId: randomUUID(),
        tokenId: randomUUID(),
        targetTokenId: randomUUID(),
        sessionPublicId: randomUUID(),
        notify: { inboxItemId: randomUUID(), webhookId: randomUUID(), deliveryId: randomUUID() },
        system: { systemId: randomUUID(), componentId: randomUUID() },
        networkRangeId: randomUUID(),
      } as Fixture;
      const { url, payload } = sample.request(f);
      const res = await env.app.inject({ method, url, ...(payload ? { payload: payload as object } : {}) });
      expect(res.statusCode, `${method} ${route}`).toBe(401);
    }
  });

  for (const role of ROLES) {
    // Hundreds of real requests with a fresh fixture each: patient on a loaded 2-core machine.
    it(`role ${role}: every route × own/foreign organisation matches the table`, { timeout: 180_000 }, async () => {
      const failures: string[] = [];
      for (const [key, sample] of Object.entries(ROUTES)) {
        const [method] = key.split(' ') as ['GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'];
        const expectation = EXPECTATIONS[sample.class];
        if (!expectation) throw new Error(`no expectation for class ${sample.class}`);
        for (const axis of sample.axis ? (['own', 'foreign'] as const) : (['own'] as const)) {
          const f = await fixture(role, axis);
          const { url, payload } = sample.request(f);
          const res = await as(env.app, f.session)(method, url, payload);
          const allowed = !DENIED.has(res.statusCode) && res.statusCode < 500;
          if (res.statusCode >= 500) failures.push(`${key} (${axis}) → ${res.statusCode} ${res.body}`);
          else if (allowed !== expectation[role][axis]) {
            failures.push(
              `${key} (${axis}): expected ${expectation[role][axis] ? 'allow' : 'deny'}, got ${res.statusCode} ${res.body.slice(0, 120)}`,
            );
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('list queries return only what a member may see', async () => {
    const member = await insertUser(ownOrg, ['member']);
    const s = await login(env.app, member.username, PASSWORD);
    const orgs = (await as(env.app, s)('GET', '/api/organisations?limit=100')).json().items as { id: string }[];
    expect(orgs.map((o) => o.id)).toEqual([ownOrg]);
    const users = (await as(env.app, s)('GET', '/api/users?limit=100')).json().items as {
      organisation: { id: string };
    }[];
    expect(users.length).toBeGreaterThan(0);
    expect(users.every((x) => x.organisation.id === ownOrg)).toBe(true);
    const found = (await as(env.app, s)('GET', '/api/search?q=thu')).json();
    expect(found.organisations.every((o: { id: string }) => o.id === ownOrg)).toBe(true);
    const viewer = await insertUser(ownOrg, ['viewer']);
    const sv = await login(env.app, viewer.username, PASSWORD);
    // A viewer pages through the whole constituency and finds both organisations.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await as(env.app, sv)('GET', `/api/organisations?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      const page = res.json<{ items: { id: string }[]; nextCursor: string | null }>();
      seen.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expect.arrayContaining([ownOrg, foreignOrg]));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('a member-lead cannot grant roles above its own, nor a coordinator the admin role', async () => {
    const lead = await insertUser(ownOrg, ['member-lead']);
    const sl = await login(env.app, lead.username, PASSWORD);
    const body = (roles: string[]) => ({
      username: `g${u()}`,
      displayName: 'X',
      organisationId: ownOrg,
      roles,
      password: strong,
    });
    const up = await as(env.app, sl)('POST', '/api/users', body(['coordinator']));
    expect(up.statusCode).toBe(403);
    expect(up.json().error.code).toBe('role_not_allowed');
    const coord = await insertUser(ownOrg, ['coordinator']);
    const sc = await login(env.app, coord.username, PASSWORD);
    expect((await as(env.app, sc)('POST', '/api/users', body(['admin']))).statusCode).toBe(403);
    const admin = await insertUser(ownOrg, ['admin']);
    expect((await as(env.app, sc)('PATCH', `/api/users/${admin.id}`, { disabled: true })).statusCode).toBe(403);
  });
});
