import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INCIDENT_STATUSES } from '../../../shared/vocabulary.ts';
import { allowedTransitions, canTransition, isOpen, stampsAfter } from './lifecycle.ts';

const status = fc.constantFrom(...INCIDENT_STATUSES);
const maybeDate = fc.option(fc.date({ noInvalidDate: true, min: new Date(2020, 0, 1), max: new Date(2030, 0, 1) }), {
  nil: null,
});

describe('incident lifecycle', () => {
  it('closed is final; every open state can be rejected or marked duplicate', () => {
    expect(allowedTransitions('closed')).toEqual([]);
    for (const s of INCIDENT_STATUSES.filter(isOpen)) {
      expect(canTransition(s, 'rejected')).toBe(true);
      expect(canTransition(s, 'duplicate')).toBe(true);
    }
    expect(canTransition('resolved', 'recovery')).toBe(true);
    expect(canTransition('new', 'closed')).toBe(false);
    expect(canTransition('containment', 'closed')).toBe(false);
  });

  it('never allows staying put, and closing only from resolved', () => {
    fc.assert(
      fc.property(status, status, (from, to) => {
        if (from === to) expect(canTransition(from, to)).toBe(false);
        if (to === 'closed') expect(canTransition(from, to)).toBe(from === 'resolved');
      }),
    );
  });

  it('every status is reachable from new and resolved is reachable from every non-closed status', () => {
    const reach = (start: string) => {
      const seen = new Set([start]);
      const todo = [start];
      while (todo.length > 0)
        for (const n of allowedTransitions(todo.pop() as 'new')) {
          if (seen.has(n)) continue;
          seen.add(n);
          todo.push(n);
        }
      return seen;
    };
    expect([...reach('new')].sort()).toEqual([...INCIDENT_STATUSES].sort());
    for (const s of INCIDENT_STATUSES.filter((x) => x !== 'closed')) expect(reach(s).has('resolved')).toBe(true);
  });

  it('stamps: triage once, resolved cleared on reopening, closed keeps resolved', () => {
    fc.assert(
      fc.property(status, maybeDate, maybeDate, maybeDate, (to, t, r, c) => {
        const now = new Date(2031, 0, 1);
        const out = stampsAfter(to, { triagedAt: t, resolvedAt: r, closedAt: c }, now);
        if (t) expect(out.triagedAt).toBe(t);
        if (!t && to !== 'new') expect(out.triagedAt).toBe(now);
        if (to === 'resolved') expect(out.resolvedAt).toBe(now);
        if (to === 'closed') expect([out.closedAt, out.resolvedAt === null]).toEqual([now, false]);
        if (isOpen(to)) expect(out.resolvedAt).toBeNull();
      }),
    );
  });
});
