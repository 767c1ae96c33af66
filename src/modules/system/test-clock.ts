import { eq } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import type { Ctx } from '../../platform/actor.ts';
import type { OffsetClock } from '../../platform/clock.ts';
import { runCommand } from '../audit/command.ts';
import { settings } from '../identity/tables.ts';

const KEY = 'test_clock_offset_ms';

export async function readClockOffset(db: Db): Promise<number> {
  const [row] = await db.select().from(settings).where(eq(settings.key, KEY));
  const n = Number(row?.value ?? 0);
  return Number.isFinite(n) ? n : 0;
}

/** Keeps a process's OffsetClock in step with the shared offset; returns a stop function. */
export async function followClockOffset(db: Db, clock: OffsetClock, everyMs = 1000): Promise<() => void> {
  clock.offsetMs = await readClockOffset(db);
  const timer = setInterval(() => {
    readClockOffset(db)
      .then((offset) => {
        clock.offsetMs = offset;
      })
      .catch(() => undefined);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Moves the shared test clock: to an instant, or forward/back by some milliseconds. Audited. */
export async function setClockOffset(db: Db, ctx: Ctx, input: { at?: Date; advanceMs?: number }): Promise<number> {
  const before = await readClockOffset(db);
  const offset = input.at !== undefined ? input.at.getTime() - Date.now() : before + (input.advanceMs ?? 0);
  const value = String(Math.round(offset));
  await runCommand(db, ctx, async ({ tx, audit }) => {
    await tx
      .insert(settings)
      .values({ key: KEY, value, updatedAt: new Date() })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
    audit({
      action: 'test_clock.set',
      subjectType: 'settings',
      subjectId: KEY,
      before: { offsetMs: before },
      after: { offsetMs: offset },
    });
  });
  return offset;
}
