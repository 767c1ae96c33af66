import { randomBytes } from 'node:crypto';
import { createContact } from '../src/modules/constituency/commands/save-contact.ts';
import { createOrganisation } from '../src/modules/constituency/commands/save-organisation.ts';
import type { OrganisationKind } from '../src/modules/constituency/tables.ts';
import { createUser } from '../src/modules/identity/commands/create-user.ts';
import type { Role } from '../src/modules/identity/tables.ts';
import { systemCtx } from '../src/platform/actor.ts';
import type { Platform } from '../src/platform/platform.ts';

export const PASSWORD = 'correct-horse-battery-9';

const uniq = () => randomBytes(3).toString('hex');

export async function makeOrg(platform: Platform, kind: OrganisationKind = 'member', name?: string) {
  const code = `T-${uniq().toUpperCase()}`;
  return createOrganisation(platform.db, systemCtx('system:test', platform.clock), {
    code,
    name: name ?? `Đơn vị thử ${code}`,
    nameEn: `Test organisation ${code}`,
    kind,
  });
}

export async function makeContact(platform: Platform, organisationId: string) {
  return createContact(platform.db, systemCtx('system:test', platform.clock), organisationId, {
    personName: 'Nguyễn Văn Thử',
    phone247: '+84 235 3900 999',
    email: 'truc@test.example',
  });
}

export async function makeUser(platform: Platform, organisationId: string, roles: Role[], username?: string) {
  const user = await createUser(platform.db, systemCtx('system:test', platform.clock), {
    username: username ?? `u${uniq()}`,
    displayName: 'Người dùng thử',
    organisationId,
    roles,
    password: PASSWORD,
  });
  return { id: user.id, username: user.username, password: PASSWORD, organisationId, roles };
}
