import { makeOrg, makeUser, PASSWORD } from '../../../../test/factories.ts';
import type { TestEnv } from '../../../../test/harness.ts';
import { login } from '../../../../test/http.ts';
import { makeSystem } from '../../../../test/systems-fixture.ts';
import { systemCtx } from '../../../platform/actor.ts';
import type { Tlp } from '../../../shared/vocabulary.ts';
import { runCommand } from '../../audit/command.ts';
import { ownershipService } from '../../constituency/networks/ownership-service.ts';
import { createIncident } from '../commands/create-incident.ts';

/** Users, organisations and a registered system (host 203.0.113.10, may-chu.test.example) for casework tests. */
export async function caseworkFixture(env: TestEnv) {
  const home = await makeOrg(env.platform, 'coordinator');
  const ownOrg = await makeOrg(env.platform, 'member', 'Sở Y tế');
  const otherOrg = await makeOrg(env.platform, 'member', 'Sở Tư pháp');
  const system = await makeSystem(env.platform, ownOrg.id);
  await ownershipService(env.platform).refresh();
  const responderUser = await makeUser(env.platform, home.id, ['responder']);
  const memberUser = await makeUser(env.platform, ownOrg.id, ['member']);
  const namedMemberUser = await makeUser(env.platform, ownOrg.id, ['member']);
  const session = async (u: { username: string }) => login(env.app, u.username, PASSWORD);
  const incident = (title: string, opts: { tlp?: Tlp; organisationId?: string; named?: string[] } = {}) =>
    runCommand(env.platform.db, systemCtx('system:test', env.clock), (scope) =>
      createIncident(scope, {
        title,
        typeCode: 'malware',
        organisationId: opts.organisationId ?? ownOrg.id,
        tlp: opts.tlp ?? 'amber',
        members: (opts.named ?? []).map((userId) => ({ userId, role: 'named' as const })),
      }),
    );
  return {
    home,
    ownOrg,
    otherOrg,
    system,
    responderUser,
    memberUser,
    namedMemberUser,
    responder: await session(responderUser),
    member: await session(memberUser),
    namedMember: await session(namedMemberUser),
    incident,
  };
}
