import { eq } from 'drizzle-orm';
import { AppError } from '../../../../platform/errors.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { playbooks } from '../../tables.ts';
import { presentPlaybook } from '../presenter.ts';
import { validatePlaybook } from '../validate-playbook.ts';

/** Adds a playbook (audited `playbook.create`); its code is the body's `id`. */
export async function createPlaybook(scope: CommandScope, raw: unknown) {
  const { tx, ctx, audit } = scope;
  const body = await validatePlaybook(tx, raw);
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(playbooks)
    .values({ code: body.id, body, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError(409, 'playbook_code_taken', { code: body.id });
  audit({ action: 'playbook.create', subjectType: 'playbook', subjectId: row.code, after: { version: 1, body } });
  return presentPlaybook(row);
}

/** Replaces a playbook's body (version + 1), audited `playbook.update` with before/after. */
export async function replacePlaybook(scope: CommandScope, code: string, raw: unknown, active?: boolean) {
  const { tx, ctx, audit } = scope;
  const [before] = await tx.select().from(playbooks).where(eq(playbooks.code, code)).for('update');
  if (!before) throw new AppError(404, 'playbook_not_found', { code });
  const body = await validatePlaybook(tx, raw);
  if (body.id !== code) throw new AppError(400, 'playbook_code_mismatch', { id: body.id, code });
  const [row] = await tx
    .update(playbooks)
    .set({ body, active: active ?? before.active, version: before.version + 1, updatedAt: ctx.clock.now() })
    .where(eq(playbooks.code, code))
    .returning();
  if (!row) throw new Error('update returned nothing');
  audit({
    action: 'playbook.update',
    subjectType: 'playbook',
    subjectId: code,
    before: { version: before.version, active: before.active, body: before.body },
    after: { version: row.version, active: row.active, body: row.body },
  });
  return presentPlaybook(row);
}
