import { makeOrg, makeUser, PASSWORD } from '../../../../test/factories.ts';
import type { TestEnv } from '../../../../test/harness.ts';
import { as, login } from '../../../../test/http.ts';
import { systemCtx } from '../../../platform/actor.ts';
import type { Tlp } from '../../../shared/vocabulary.ts';
import { runCommand } from '../../audit/command.ts';
import { createIncident } from '../commands/create-incident.ts';

/** An IR team, a member organisation and helpers to open incidents and upload files (tests only). */
export async function tasksFixture(env: TestEnv) {
  const home = await makeOrg(env.platform, 'coordinator');
  const memberOrg = await makeOrg(env.platform, 'member', 'Sở Y tế');
  const responderUser = await makeUser(env.platform, home.id, ['responder']);
  const coordinatorUser = await makeUser(env.platform, home.id, ['coordinator']);
  const memberUser = await makeUser(env.platform, memberOrg.id, ['member']);
  const responderSession = await login(env.app, responderUser.username, PASSWORD);
  const responder = as(env.app, responderSession);
  const coordinator = as(env.app, await login(env.app, coordinatorUser.username, PASSWORD));
  const member = as(env.app, await login(env.app, memberUser.username, PASSWORD));
  const incident = (tlp: Tlp = 'amber', typeCode = 'encryption') =>
    runCommand(env.platform.db, systemCtx('system:test', env.clock), (scope) =>
      createIncident(scope, { title: 'Máy chủ bị mã hoá', typeCode, organisationId: memberOrg.id, tlp }),
    );
  const upload = async (who: typeof responder, bytes: Uint8Array | string, name: string) => {
    const form = new FormData();
    form.append('file', new File([bytes], name, { type: 'application/octet-stream' }));
    const res = await who('POST', '/api/files', form);
    if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
    return res.json<{ item: { id: string; sha256: string } }>().item;
  };
  return {
    home,
    memberOrg,
    responderUser,
    responderSession,
    memberUser,
    responder,
    coordinator,
    member,
    incident,
    upload,
  };
}
