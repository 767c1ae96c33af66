import { runCommand } from '../src/modules/audit/command.ts';
import { addComponent, createSystem } from '../src/modules/constituency/systems/commands/index.ts';
import { systemCtx } from '../src/platform/actor.ts';
import type { Platform } from '../src/platform/platform.ts';

let n = 0;

/** An information system owned by the organisation, with one host component. */
export async function makeSystem(platform: Platform, ownerOrgId: string, operatorOrgId?: string) {
  const code = `HT-${process.pid}-${Date.now().toString(36)}-${++n}`.toUpperCase();
  return runCommand(platform.db, systemCtx('system:test', platform.clock), async (scope) => {
    const system = await createSystem(scope, {
      code,
      name: `Hệ thống thử ${code}`,
      ownerOrgId,
      operatorOrgId: operatorOrgId ?? ownerOrgId,
      category: 'internal',
      securityLevel: 2,
    });
    const component = await addComponent(scope, system.id, {
      kind: 'host',
      ip: '203.0.113.10',
      fqdn: 'may-chu.test.example',
    });
    return { systemId: system.id, componentId: component.id, code };
  });
}
