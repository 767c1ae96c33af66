import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unescapeCell } from '../../../formats/registry-sheet/escape.ts';
import { weeks } from './dashboard.ts';
import { csvField, vnTime } from './export.ts';
import { incidentListQuery } from './schemas.ts';

/** A strict RFC 4180 reader of one field (what spreadsheet programs do). */
function readField(field: string): string {
  if (!field.startsWith('"')) return field;
  return field.slice(1, -1).replaceAll('""', '"');
}

describe('export and dashboard helpers', () => {
  it('a CSV field reads back to its text, and never starts a formula', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const field = csvField(text);
        const normalised = text.replace(/\r\n?/g, '\n');
        // Text that already looks escaped ('=…) reads back without its apostrophe (escape.ts's convention).
        fc.pre(!/^'[=+\-@\t\r]/.test(normalised));
        expect(unescapeCell(readField(field))).toBe(normalised);
        expect(readField(field)).not.toMatch(/^[=+\-@\t\r]/);
        if (!field.startsWith('"')) expect(field).not.toMatch(/[",\n]/);
      }),
    );
  });

  it('Vietnam time is UTC+7 written with its offset', () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true, min: new Date('2000-01-01'), max: new Date('2100-01-01') }), (d) => {
        const s = vnTime(d);
        expect(s).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
        expect(Math.floor(new Date(s).getTime() / 1000)).toBe(Math.floor(d.getTime() / 1000));
      }),
    );
  });

  it('the dashboard weeks are 13 consecutive Mondays, the last one holding now (Vietnam time)', () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true, min: new Date('2000-01-01'), max: new Date('2100-01-01') }), (now) => {
        const w = weeks(now);
        expect(w).toHaveLength(13);
        for (const day of w) expect(new Date(`${day}T00:00:00Z`).getUTCDay()).toBe(1);
        const lastStart = new Date(`${w[12]}T00:00:00+07:00`).getTime();
        expect(now.getTime()).toBeGreaterThanOrEqual(lastStart);
        expect(now.getTime()).toBeLessThan(lastStart + 7 * 86_400_000);
      }),
    );
  });

  it('list filters parse to lists of known values or are refused', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.array(fc.constantFrom('new', 'triage', 'closed', 'bogus', ''), { maxLength: 5 })),
        (status) => {
          const r = incidentListQuery.safeParse({ status });
          if (!r.success) return;
          for (const s of r.data.status ?? []) expect(['new', 'triage', 'closed']).toContain(s);
        },
      ),
    );
    expect(incidentListQuery.parse({ status: 'new,triage', limit: '5' })).toMatchObject({
      status: ['new', 'triage'],
      limit: 5,
    });
    expect(incidentListQuery.safeParse({ status: 'new,bogus' }).success).toBe(false);
  });
});
