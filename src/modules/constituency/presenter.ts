import type { contactPoints, organisations } from './tables.ts';

export function presentOrganisation(o: typeof organisations.$inferSelect) {
  return {
    id: o.id,
    code: o.code,
    name: o.name,
    nameEn: o.nameEn,
    shortName: o.shortName,
    kind: o.kind,
    parentId: o.parentId,
    locality: o.locality,
    networkMemberCode: o.networkMemberCode,
    validFrom: o.validFrom,
    validTo: o.validTo,
    successorId: o.successorId,
    active: o.active,
    requireMfa: o.requireMfa,
    updatedAt: o.updatedAt.toISOString(),
  };
}

export function presentContact(c: typeof contactPoints.$inferSelect) {
  return {
    id: c.id,
    organisationId: c.organisationId,
    personName: c.personName,
    personRole: c.personRole,
    phone247: c.phone247,
    email: c.email,
    otherChannels: c.otherChannels,
    updatedAt: c.updatedAt.toISOString(),
    confirmedAt: c.confirmedAt?.toISOString() ?? null,
    confirmedBy: c.confirmedBy,
  };
}
