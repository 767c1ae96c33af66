import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.ts';

describe('group commit', () => {
  it('answers every item with its own outcome, in batches no larger than asked (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: -5, max: 100 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 8 }),
        async (items, maxBatch) => {
          const batches: number[][] = [];
          const gc = new GroupCommit<number, number>(
            async (batch) => {
              batches.push(batch);
              // a negative item breaks its whole batch: the others are then written one by one
              if (batch.some((n) => n < 0)) throw new Error('batch refused');
              return batch.map((n) => n * 2);
            },
            async (n) => {
              if (n < 0) throw new Error(`bad ${n}`);
              return n * 2;
            },
            { maxBatch, maxInFlight: 2 },
          );
          const settled = await Promise.allSettled(items.map((n) => gc.submit(n)));
          await gc.drained();
          settled.forEach((r, i) => {
            const n = items[i] as number;
            if (n < 0) expect(r).toMatchObject({ status: 'rejected' });
            else expect(r).toEqual({ status: 'fulfilled', value: n * 2 });
          });
          expect(batches.flat().sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
          for (const b of batches) expect(b.length).toBeLessThanOrEqual(maxBatch);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('shares one batch among items handed in during the same turn', async () => {
    const sizes: number[] = [];
    const gc = new GroupCommit<number, number>(
      async (batch) => {
        sizes.push(batch.length);
        return batch;
      },
      async (n) => n,
    );
    await Promise.all(Array.from({ length: 50 }, (_, i) => gc.submit(i)));
    expect(sizes[0]).toBe(50);
  });
});
