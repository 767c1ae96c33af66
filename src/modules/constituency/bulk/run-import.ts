import type { Db, Tx } from '../../../db/database.ts';
import type { RegistryEntity } from '../../../formats/registry-sheet/entities.ts';
import { readRegistrySheets, type SheetSource } from '../../../formats/registry-sheet/read.ts';
import { type ParsedSheets, SheetFileError } from '../../../formats/registry-sheet/sheet-rows.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Locale } from '../../../platform/messages.ts';
import { runCommand } from '../../audit/command.ts';
import { informationSystems } from '../systems/tables.ts';
import { organisations } from '../tables.ts';
import { buildPlan } from './plan.ts';
import type { Refs } from './plan-types.ts';
import { type ImportSummary, summarise } from './summary.ts';

export type ParsedFile = ParsedSheets & { format: 'xlsx' | 'csv' };

/** Reads an uploaded or local file; a file that cannot be read is a 400 with a localised reason. */
export async function readImportFile(source: SheetSource, entity?: RegistryEntity): Promise<ParsedFile> {
  try {
    return await readRegistrySheets(source, { entity });
  } catch (err) {
    if (err instanceof SheetFileError)
      throw new AppError(err.code === 'import_file_too_large' ? 413 : 400, err.code, err.params);
    throw err;
  }
}

const principalOf = (ctx: Ctx) => (ctx.actor.kind === 'user' ? ctx.actor.principal : undefined);

/** Validates every row and says what a commit would do; writes nothing. */
export async function dryRunImport(db: Db, ctx: Ctx, file: ParsedFile, locale: Locale): Promise<ImportSummary> {
  const plan = await buildPlan(db, principalOf(ctx), file);
  return summarise(plan, locale, file.format === 'xlsx');
}

/** Thrown inside the commit transaction when a row is invalid: everything rolls back. */
class PlanRejected extends Error {
  readonly summary: ImportSummary;
  constructor(summary: ImportSummary) {
    super('plan has invalid rows');
    this.summary = summary;
  }
}

/**
 * Writes the whole file or nothing: the plan is built again inside the transaction (the registry
 * may have changed since the dry run), every row goes through its module's command (each audited),
 * plus one `registry.import` entry with the counts. Returns `{ committed: false }` with the summary
 * when any row is invalid.
 */
export async function commitImport(
  db: Db,
  ctx: Ctx,
  file: ParsedFile,
  locale: Locale,
  name?: string,
): Promise<{ committed: boolean; summary: ImportSummary }> {
  try {
    const summary = await runCommand(db, ctx, async (scope) => {
      const plan = await buildPlan(scope.tx, principalOf(ctx), file);
      const summary = summarise(plan, locale, file.format === 'xlsx');
      if (summary.errors.length > 0) throw new PlanRejected(summary);
      const orgs = await scope.tx.select({ id: organisations.id, code: organisations.code }).from(organisations);
      const refs: Refs = { orgIds: new Map(orgs.map((o) => [o.code, o.id])), systemIds: await systemIdsOf(scope.tx) };
      for (const row of plan.planned) await row.apply?.(scope, refs);
      scope.audit({
        action: 'registry.import',
        subjectType: 'registry',
        detail: {
          file: name?.slice(0, 200) ?? null,
          format: file.format,
          rows: summary.rows,
          created: summary.created,
          updated: summary.updated,
          unchanged: summary.unchanged,
        },
      });
      return summary;
    });
    return { committed: true, summary };
  } catch (err) {
    if (err instanceof PlanRejected) return { committed: false, summary: err.summary };
    throw err;
  }
}

async function systemIdsOf(tx: Tx): Promise<Map<string, string>> {
  const rows = await tx.select({ id: informationSystems.id, code: informationSystems.code }).from(informationSystems);
  return new Map(rows.map((s) => [s.code, s.id]));
}
