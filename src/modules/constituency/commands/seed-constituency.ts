import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { runCommand } from '../../audit/command.ts';
import { hashPassword } from '../../identity/passwords.ts';
import { userRoles, users } from '../../identity/tables.ts';
import { seedNetworks } from '../networks/seed-networks.ts';
import { presentContact, presentOrganisation } from '../presenter.ts';
import { seedPortals } from '../publication/seed-portals.ts';
import type { ConstituencyFile } from '../seed-file.ts';
import { seedSystems } from '../systems/seed-systems.ts';
import { contactPoints, organisations } from '../tables.ts';

export type SeedResult = {
  organisations: number;
  users: { username: string; password: string; roles: string[]; organisation: string }[];
};

/** A random password that passes the policy: 20 characters, about 119 bits. */
export function randomPassword(): string {
  return randomBytes(15).toString('base64url');
}

/**
 * Loads a constituency file into an empty registry in one transaction: organisations (parents and
 * successors linked by code), their contact points, and users with random passwords (returned once).
 * Organisations whose code already exists are left alone, so a second run adds nothing.
 */
export async function seedConstituency(db: Db, ctx: Ctx, file: ConstituencyFile): Promise<SeedResult> {
  const passwords = new Map(file.users.map((u) => [u.username, randomPassword()]));
  const hashes = new Map<string, string>();
  for (const [username, password] of passwords) hashes.set(username, await hashPassword(password));
  return runCommand(db, ctx, async (scope) => {
    const { tx, audit } = scope;
    const now = ctx.clock.now();
    const idByCode = new Map<string, string>();
    for (const o of await tx.select({ id: organisations.id, code: organisations.code }).from(organisations))
      idByCode.set(o.code, o.id);
    let created = 0;
    for (const o of file.organisations) {
      if (idByCode.has(o.code)) continue;
      const [row] = await tx
        .insert(organisations)
        .values({
          code: o.code,
          name: o.name,
          nameEn: o.nameEn ?? null,
          shortName: o.shortName ?? null,
          kind: o.kind,
          locality: o.locality ?? null,
          networkMemberCode: o.networkMemberCode ?? null,
          validFrom: o.validFrom ?? null,
          validTo: o.validTo ?? null,
          active: o.active,
          requireMfa: o.requireMfa ?? false,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!row) continue;
      created++;
      idByCode.set(o.code, row.id);
      audit({
        action: 'organisation.create',
        subjectType: 'organisation',
        subjectId: row.id,
        organisationId: row.id,
        after: presentOrganisation(row),
      });
      for (const c of o.contacts) {
        const [contact] = await tx
          .insert(contactPoints)
          .values({
            organisationId: row.id,
            personName: c.personName,
            personRole: c.personRole ?? null,
            phone247: c.phone247 ?? null,
            email: c.email ?? null,
            otherChannels: c.otherChannels ?? null,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        if (contact)
          audit({
            action: 'contact.create',
            subjectType: 'contact_point',
            subjectId: contact.id,
            organisationId: row.id,
            after: presentContact(contact),
          });
      }
    }
    for (const o of file.organisations) {
      const id = idByCode.get(o.code);
      if (!id || (!o.parent && !o.successor)) continue;
      await tx
        .update(organisations)
        .set({
          parentId: o.parent ? (idByCode.get(o.parent) ?? null) : null,
          successorId: o.successor ? (idByCode.get(o.successor) ?? null) : null,
        })
        .where(eq(organisations.id, id));
    }
    const seededUsers: SeedResult['users'] = [];
    for (const u of file.users) {
      const existing = await tx.select({ id: users.id }).from(users).where(eq(users.username, u.username));
      const organisationId = idByCode.get(u.organisation);
      if (existing.length > 0 || !organisationId) continue;
      const [row] = await tx
        .insert(users)
        .values({
          username: u.username,
          displayName: u.displayName,
          email: u.email ?? null,
          organisationId,
          passwordHash: hashes.get(u.username) ?? null,
          locale: u.locale,
          passwordChangedAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: users.id });
      if (!row) continue;
      await tx.insert(userRoles).values(u.roles.map((role) => ({ userId: row.id, role })));
      audit({
        action: 'user.create',
        subjectType: 'user',
        subjectId: row.id,
        organisationId,
        after: { username: u.username, roles: u.roles, organisation: u.organisation },
      });
      seededUsers.push({
        username: u.username,
        password: passwords.get(u.username) ?? '',
        roles: u.roles,
        organisation: u.organisation,
      });
    }
    const systems = await seedSystems(scope, file.systems, idByCode);
    const networks = await seedNetworks(scope, file.networks, idByCode);
    const portals = await seedPortals(scope, file.portals, idByCode);
    if (created === 0 && seededUsers.length === 0 && systems === 0 && networks === 0 && portals === 0) {
      audit({ action: 'constituency.seed_noop', subjectType: 'constituency', detail: { label: file.label } });
    } else {
      audit({
        action: 'constituency.seed',
        subjectType: 'constituency',
        detail: { label: file.label, organisations: created, users: seededUsers.length, systems, networks, portals },
      });
    }
    return { organisations: created, users: seededUsers };
  });
}
