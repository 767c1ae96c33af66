import { asc, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { RegistryEntity } from '../../../formats/registry-sheet/entities.ts';
import type { SheetData } from '../../../formats/registry-sheet/write.ts';
import { hasRole, orgScope, readsConstituency } from '../../../platform/access.ts';
import type { Principal } from '../../../platform/actor.ts';
import { informationSystems, systemComponents } from '../systems/tables.ts';
import { contactPoints, organisations } from '../tables.ts';
import { exportNetworks } from './export-networks.ts';

type Row = SheetData['rows'][number];
const text = (v: string | number | null | undefined) => (v === null || v === undefined ? null : String(v));
const yesNo = (v: boolean | null | undefined) => (v === null || v === undefined ? null : v ? 'có' : 'không');

/** What the caller may see: the constituency readers all; others their own organisation (and its systems). */
async function visibleOrganisations(db: Db, p: Principal | undefined) {
  const scope = p ? orgScope(p) : { all: true as const };
  return db
    .select()
    .from(organisations)
    .where(scope.all ? undefined : inArray(organisations.id, scope.organisationIds))
    .orderBy(asc(organisations.code));
}

async function visibleSystems(db: Db, p: Principal | undefined) {
  if (p && !readsConstituency(p) && !hasRole(p, 'member', 'member-lead')) return [];
  const own = p && !readsConstituency(p) ? p.organisationId : undefined;
  return db
    .select()
    .from(informationSystems)
    .where(own ? or(eq(informationSystems.ownerOrgId, own), eq(informationSystems.operatorOrgId, own)) : undefined)
    .orderBy(asc(informationSystems.code));
}

/** Rows of the registry in the import format, so an exported file imports back unchanged. */
export async function exportRegistry(
  db: Db,
  p: Principal | undefined,
  entities: RegistryEntity[],
): Promise<SheetData[]> {
  const allOrgs = await db.select({ id: organisations.id, code: organisations.code }).from(organisations);
  const codeOf = new Map(allOrgs.map((o) => [o.id, o.code]));
  const orgs = await visibleOrganisations(db, p);
  const out: SheetData[] = [];
  for (const entity of entities) {
    if (entity === 'organisations') {
      out.push({
        entity,
        rows: orgs.map(
          (o): Row => ({
            code: o.code,
            name: o.name,
            nameEn: o.nameEn,
            shortName: o.shortName,
            kind: o.kind,
            parentCode: o.parentId ? (codeOf.get(o.parentId) ?? null) : null,
            locality: o.locality,
            networkMemberCode: o.networkMemberCode,
            validFrom: o.validFrom,
            validTo: o.validTo,
            active: yesNo(o.active),
          }),
        ),
      });
    }
    if (entity === 'contacts') {
      const ids = orgs.map((o) => o.id);
      const contacts = ids.length
        ? await db
            .select()
            .from(contactPoints)
            .where(inArray(contactPoints.organisationId, ids))
            .orderBy(asc(contactPoints.organisationId), asc(contactPoints.createdAt))
        : [];
      out.push({
        entity,
        rows: contacts.map(
          (c): Row => ({
            organisation: codeOf.get(c.organisationId) ?? null,
            personName: c.personName,
            personRole: c.personRole,
            phone247: c.phone247,
            email: c.email,
            otherChannels: c.otherChannels,
          }),
        ),
      });
    }
    if (entity === 'systems' || entity === 'components') {
      const systems = await visibleSystems(db, p);
      if (entity === 'systems') {
        out.push({
          entity,
          rows: systems.map(
            (s): Row => ({
              code: s.code,
              name: s.name,
              nameEn: s.nameEn,
              owner: codeOf.get(s.ownerOrgId) ?? null,
              operator: codeOf.get(s.operatorOrgId) ?? null,
              securityLevel: text(s.securityLevel),
              levelDecisionNo: s.levelDecisionNo,
              levelDecisionDate: s.levelDecisionDate,
              levelApprovedBy: s.levelApprovedBy,
              category: s.category,
              sharedProvincial: yesNo(s.sharedProvincial),
              nationalCritical: yesNo(s.nationalCritical),
              internetFacing: yesNo(s.internetFacing),
              status: s.status,
              description: s.description,
              antivirus: yesNo(s.securityMeasures?.antivirus),
              firewall: yesNo(s.securityMeasures?.firewall),
              ids: yesNo(s.securityMeasures?.ids),
              otherMeasures: s.securityMeasures?.other ?? null,
              securityProvider: s.securityProvider,
              connectivityProvider: s.connectivityProvider,
              osAndServices: s.osAndServices,
            }),
          ),
        });
      } else {
        const codeOfSystem = new Map(systems.map((s) => [s.id, s.code]));
        const ids = systems.map((s) => s.id);
        const components = ids.length
          ? await db
              .select()
              .from(systemComponents)
              .where(inArray(systemComponents.systemId, ids))
              .orderBy(asc(systemComponents.systemId), asc(systemComponents.createdAt))
          : [];
        out.push({
          entity,
          rows: components.map(
            (c): Row => ({
              system: codeOfSystem.get(c.systemId) ?? null,
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
            }),
          ),
        });
      }
    }
    if (entity === 'networks') out.push({ entity, rows: await exportNetworks(db, p, codeOf) });
  }
  return out;
}
