import type { Db } from '../../../db/database.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { runCommand } from '../../audit/command.ts';
import type { StagedBlob, StoredBlob } from '../blob-store.ts';
import { recordFile } from './store-file.ts';

/** A checked upload: its bytes move into the store, then its record is written, audited (`file.store`). */
export async function uploadFile(db: Db, ctx: Ctx, input: { name: string; blob: StagedBlob }) {
  const organisationId = ctx.actor.kind === 'user' ? ctx.actor.principal.organisationId : null;
  let stored: StoredBlob;
  try {
    stored = await input.blob.commit();
  } finally {
    await input.blob.discard();
  }
  return runCommand(db, ctx, (scope) => recordFile(scope, stored, { name: input.name, organisationId }));
}
