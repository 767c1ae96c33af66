import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../../../db/database.ts';
import {
  mappingPathProblems,
  type SiemMapping,
  WAZUH_DEFAULT_MIN_LEVEL,
} from '../../../../engines/siem-mapping/index.ts';
import type { Ctx } from '../../../../platform/actor.ts';
import { AppError, notFound } from '../../../../platform/errors.ts';
import type { Locale } from '../../../../platform/messages.ts';
import { encrypt, randomToken, sha256Hex } from '../../../../platform/secrets.ts';
import { runCommand } from '../../../audit/command.ts';
import { organisations } from '../../../constituency/tables.ts';
import { describeProblems } from '../messages.ts';
import type { MappingInput, SourceCreateInput, SourceUpdateInput } from '../schemas.ts';
import { forgetSource } from '../source-cache.ts';
import { type SiemAuthMode, type SiemKind, siemSources } from '../tables.ts';

type Row = typeof siemSources.$inferSelect;

/** What the audit trail keeps of a source: never its secret. */
const audited = (s: Row) => ({
  name: s.name,
  kind: s.kind,
  organisationId: s.organisationId,
  authMode: s.authMode,
  mapping: s.mapping,
  minLevel: s.minLevel,
  groupWindowMinutes: s.groupWindowMinutes,
  enabled: s.enabled,
});

/** A new credential: the HMAC secret (kept encrypted) or a bearer token (kept as SHA-256). */
function newCredential(mode: SiemAuthMode, key: Buffer) {
  if (mode === 'hmac') {
    const secret = `whsec_${randomToken(32)}`;
    return { secret, columns: { secretEnc: encrypt(key, secret), tokenHash: null } };
  }
  const secret = `cgw_${randomToken(32)}`;
  return { secret, columns: { secretEnc: null, tokenHash: sha256Hex(secret) } };
}

/** A generic source needs a mapping whose paths parse; a built-in kind has none of its own. */
export function checkedMapping(kind: SiemKind, mapping: MappingInput | null | undefined, locale: Locale) {
  if (kind !== 'generic') return null;
  if (!mapping) throw new AppError(400, 'siem_mapping_required');
  const m: SiemMapping = { ...mapping, observables: mapping.observables.map((o) => ({ ...o })) };
  const problems = mappingPathProblems(m);
  if (problems.length > 0)
    throw new AppError(400, 'siem_mapping_invalid', { list: describeProblems(problems, locale) });
  return m;
}

async function checkOrganisation(tx: Tx, organisationId: string | null | undefined) {
  if (!organisationId) return;
  const [org] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  if (!org) throw new AppError(400, 'validation_failed', { detail: 'organisationId' });
}

export async function createSource(db: Db, ctx: Ctx, key: Buffer, input: SourceCreateInput, locale: Locale) {
  const mapping = checkedMapping(input.kind, input.mapping, locale);
  const credential = newCredential(input.authMode, key);
  const row = await runCommand(db, ctx, async ({ tx, audit }) => {
    await checkOrganisation(tx, input.organisationId);
    const now = ctx.clock.now();
    const [created] = await tx
      .insert(siemSources)
      .values({
        name: input.name,
        kind: input.kind,
        organisationId: input.organisationId ?? null,
        authMode: input.authMode,
        ...credential.columns,
        mapping,
        minLevel: input.minLevel ?? (input.kind === 'wazuh' ? WAZUH_DEFAULT_MIN_LEVEL : 0),
        groupWindowMinutes: input.groupWindowMinutes ?? 60,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!created) throw new Error('insert returned nothing');
    audit({
      action: 'intake.siem.source.create',
      subjectType: 'siem_source',
      subjectId: created.id,
      organisationId: created.organisationId,
      after: audited(created),
    });
    return created;
  });
  return { id: row.id, secret: credential.secret };
}

export async function updateSource(
  db: Db,
  ctx: Ctx,
  key: Buffer,
  id: string,
  input: SourceUpdateInput,
  locale: Locale,
) {
  let secret: string | null = null;
  await runCommand(db, ctx, async ({ tx, audit }) => {
    const [before] = await tx.select().from(siemSources).where(eq(siemSources.id, id)).for('update');
    if (!before) throw notFound();
    if (input.organisationId !== undefined) await checkOrganisation(tx, input.organisationId);
    const mapping = input.mapping === undefined ? undefined : checkedMapping(before.kind, input.mapping, locale);
    const authMode = input.authMode ?? before.authMode;
    const credential = input.rotateSecret || authMode !== before.authMode ? newCredential(authMode, key) : undefined;
    secret = credential?.secret ?? null;
    const [after] = await tx
      .update(siemSources)
      .set({
        ...(input.name === undefined ? {} : { name: input.name }),
        ...(input.organisationId === undefined ? {} : { organisationId: input.organisationId }),
        ...(mapping === undefined ? {} : { mapping }),
        ...(input.minLevel === undefined ? {} : { minLevel: input.minLevel }),
        ...(input.groupWindowMinutes === undefined ? {} : { groupWindowMinutes: input.groupWindowMinutes }),
        ...(input.enabled === undefined ? {} : { enabled: input.enabled }),
        authMode,
        ...(credential?.columns ?? {}),
        updatedAt: ctx.clock.now(),
      })
      .where(eq(siemSources.id, id))
      .returning();
    if (!after) throw notFound();
    audit({
      action: input.enabled === false && before.enabled ? 'intake.siem.source.disable' : 'intake.siem.source.update',
      subjectType: 'siem_source',
      subjectId: id,
      organisationId: after.organisationId,
      before: audited(before),
      after: audited(after),
      ...(credential ? { detail: { secretRotated: true } } : {}),
    });
  });
  forgetSource(db, id);
  return { secret };
}
