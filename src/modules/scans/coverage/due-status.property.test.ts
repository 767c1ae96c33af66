import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonthsUtc, COVERAGE_STATUSES, type CoverageRule, coverageStatus, nextDueAt } from './due-status.ts';

const DAY = 86_400_000;
const date = fc.date({
  min: new Date('2000-01-01T00:00:00Z'),
  max: new Date('2100-01-01T00:00:00Z'),
  noInvalidDate: true,
});
const rule: fc.Arbitrary<CoverageRule> = fc.record({
  months: fc.integer({ min: 1, max: 60 }),
  dueSoonDays: fc.integer({ min: 1, max: 120 }),
});
const rank = (s: string) => COVERAGE_STATUSES.indexOf(s as (typeof COVERAGE_STATUSES)[number]);

describe('coverage due status (property)', () => {
  it('next due is whole calendar months later, clamped to the month end, same time of day', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 120 }), (last, months) => {
        const due = addMonthsUtc(last, months);
        const monthsApart =
          (due.getUTCFullYear() - last.getUTCFullYear()) * 12 + (due.getUTCMonth() - last.getUTCMonth());
        expect(monthsApart).toBe(months);
        expect(due.getUTCDate()).toBeLessThanOrEqual(last.getUTCDate());
        if (due.getUTCDate() < last.getUTCDate()) {
          // clamped: the last day of the target month
          expect(new Date(due.getTime() + DAY).getUTCDate()).toBe(1);
        }
        expect(due.getTime() % DAY).toBe(last.getTime() % DAY);
      }),
    );
  });

  it('is never-scanned without a scan, else ok → due-soon → overdue as time passes, never back', () => {
    fc.assert(
      fc.property(date, rule, fc.array(fc.integer({ min: -400, max: 4000 }), { minLength: 2 }), (last, r, offsets) => {
        expect(coverageStatus(null, last, r)).toBe('never-scanned');
        const times = offsets.map((d) => new Date(last.getTime() + d * DAY)).sort((a, b) => a.getTime() - b.getTime());
        const statuses = times.map((t) => coverageStatus(last, t, r));
        for (let i = 1; i < statuses.length; i++) {
          expect(rank(statuses[i] ?? '')).toBeGreaterThanOrEqual(rank(statuses[i - 1] ?? ''));
        }
      }),
    );
  });

  it('changes exactly at the due instant and dueSoonDays before it', () => {
    fc.assert(
      fc.property(date, rule, (last, r) => {
        const due = nextDueAt(last, r).getTime();
        const soon = due - r.dueSoonDays * DAY;
        expect(coverageStatus(last, new Date(due), r)).toBe('overdue');
        expect(coverageStatus(last, new Date(due - 1), r)).toBe('due-soon');
        expect(coverageStatus(last, new Date(soon), r)).toBe('due-soon');
        expect(coverageStatus(last, new Date(soon - 1), r)).toBe('ok');
      }),
    );
  });
});
