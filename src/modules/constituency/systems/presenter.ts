import type { contactPoints, organisations } from '../tables.ts';
import type { informationSystems, systemComponents } from './tables.ts';

type Org = Pick<typeof organisations.$inferSelect, 'id' | 'code' | 'name' | 'nameEn'>;

export function presentOrgRef(o: Org) {
  return { id: o.id, code: o.code, name: o.name, nameEn: o.nameEn };
}

/** The system's own fields: what the audit trail records before/after. */
export function systemFields(s: typeof informationSystems.$inferSelect) {
  return {
    code: s.code,
    name: s.name,
    nameEn: s.nameEn,
    ownerOrgId: s.ownerOrgId,
    operatorOrgId: s.operatorOrgId,
    securityLevel: s.securityLevel,
    levelDecisionNo: s.levelDecisionNo,
    levelDecisionDate: s.levelDecisionDate,
    levelApprovedBy: s.levelApprovedBy,
    category: s.category,
    sharedProvincial: s.sharedProvincial,
    nationalCritical: s.nationalCritical,
    internetFacing: s.internetFacing,
    description: s.description,
    status: s.status,
    ownerContactId: s.ownerContactId,
    securityMeasures: s.securityMeasures ?? null,
    securityProvider: s.securityProvider,
    connectivityProvider: s.connectivityProvider,
    osAndServices: s.osAndServices,
  };
}

export function presentSystem(s: typeof informationSystems.$inferSelect, owner: Org, operator: Org) {
  const { ownerOrgId: _o, operatorOrgId: _p, ...fields } = systemFields(s);
  return {
    id: s.id,
    ...fields,
    owner: presentOrgRef(owner),
    operator: presentOrgRef(operator),
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    lastChangedAt: s.lastChangedAt.toISOString(),
  };
}
export type SystemView = ReturnType<typeof presentSystem>;

/** Component fields without bookkeeping: what the audit trail records. */
export function componentFields(c: typeof systemComponents.$inferSelect) {
  return {
    kind: c.kind,
    ip: c.ip,
    hostname: c.hostname,
    fqdn: c.fqdn,
    url: c.url,
    cidr: c.cidr,
    domain: c.domain,
    cpe: c.cpe,
    purl: c.purl,
    vendor: c.vendor,
    product: c.product,
    version: c.version,
    os: c.os,
    note: c.note,
  };
}

/** The identifying value of a component, as one line (history entries name the component by it). */
export function componentValue(c: typeof systemComponents.$inferSelect): string {
  switch (c.kind) {
    case 'host':
      return [c.ip, c.fqdn, c.hostname].filter(Boolean).join(' · ');
    case 'url':
      return c.url ?? '';
    case 'range':
      return c.cidr ?? '';
    case 'domain':
      return c.domain ?? '';
    case 'software':
      return c.cpe ?? c.purl ?? [c.vendor, c.product, c.version].filter(Boolean).join(' ');
  }
}

type Contact = Pick<
  typeof contactPoints.$inferSelect,
  'id' | 'organisationId' | 'personName' | 'personRole' | 'phone247' | 'email'
>;

/** The owner-side contact as the system detail shows it (whoever reads the system reads it). */
export function presentSystemContact(c: Contact) {
  return {
    id: c.id,
    organisationId: c.organisationId,
    personName: c.personName,
    personRole: c.personRole,
    phone247: c.phone247,
    email: c.email,
  };
}

export function presentComponent(c: typeof systemComponents.$inferSelect) {
  return { id: c.id, systemId: c.systemId, ...componentFields(c), createdAt: c.createdAt.toISOString() };
}
export type ComponentView = ReturnType<typeof presentComponent>;
