import { z } from 'zod';
import { COMPONENT_KINDS, SYSTEM_CATEGORIES, SYSTEM_STATUSES } from '../../../shared/vocabulary.ts';
import type { CommandScope } from '../../audit/command.ts';
import { findSystemByCode } from './commands/load-system.ts';
import { addComponent } from './commands/save-component.ts';
import { createSystem } from './commands/save-system.ts';

const text = z.string().trim().min(1).nullable().optional();

const componentSeed = z.strictObject({
  kind: z.enum(COMPONENT_KINDS),
  ip: text,
  hostname: text,
  fqdn: text,
  url: text,
  cidr: text,
  domain: text,
  cpe: text,
  purl: text,
  vendor: text,
  product: text,
  version: text,
  os: text,
  note: text,
});

/** A system in the constituency data file: organisations by code. */
export const systemSeed = z.strictObject({
  code: z.string().regex(/^[A-Z0-9][A-Z0-9._-]{0,59}$/),
  name: z.string().trim().min(1),
  nameEn: text,
  owner: z.string(),
  operator: z.string().optional(),
  securityLevel: z.number().int().min(1).max(5).nullable().optional(),
  levelDecisionNo: text,
  levelDecisionDate: z.iso.date().nullable().optional(),
  levelApprovedBy: text,
  category: z.enum(SYSTEM_CATEGORIES),
  sharedProvincial: z.boolean().optional(),
  nationalCritical: z.boolean().optional(),
  internetFacing: z.boolean().optional(),
  description: text,
  status: z.enum(SYSTEM_STATUSES).optional(),
  securityMeasures: z
    .strictObject({
      antivirus: z.boolean(),
      firewall: z.boolean(),
      ids: z.boolean(),
      other: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
  securityProvider: text,
  connectivityProvider: text,
  osAndServices: text,
  components: z.array(componentSeed).default([]),
});
export type SystemSeed = z.infer<typeof systemSeed>;

/**
 * Loads the file's systems inside the seed command. A system whose code exists is left alone, so
 * loading twice keeps codes and adds nothing. Components are validated like any other input.
 */
export async function seedSystems(scope: CommandScope, systems: SystemSeed[], idByCode: Map<string, string>) {
  let created = 0;
  for (const s of systems) {
    if (await findSystemByCode(scope.tx, s.code)) continue;
    const ownerOrgId = idByCode.get(s.owner);
    const operatorOrgId = idByCode.get(s.operator ?? s.owner);
    if (!ownerOrgId || !operatorOrgId) continue;
    const { components, owner: _owner, operator: _operator, securityMeasures, ...fields } = s;
    const system = await createSystem(scope, {
      ...fields,
      ownerOrgId,
      operatorOrgId,
      securityMeasures: securityMeasures ? { ...securityMeasures, other: securityMeasures.other ?? null } : null,
    });
    for (const c of components) await addComponent(scope, system.id, c);
    created++;
  }
  return created;
}
