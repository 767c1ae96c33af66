import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Answer,
  assessSeriousIncident,
  IMPACTS,
  type Impact,
  type SeriousIncidentAnswers,
  UNANSWERED,
} from './assess.ts';
import { QUESTION_TEXT, REASON_TEXT } from './messages.ts';
import { evaluateSeriousIncident } from './schema.ts';

const NO_IMPACTS: Record<Impact, Answer> = {
  serviceOutage: 'no',
  secretDisclosure: 'no',
  unrecoverableIntegrityLoss: 'no',
  lossOfControl: 'no',
  widespreadOrCascade: 'no',
};
/** A level-4 system, outage, owner overwhelmed: the textbook serious incident. */
const SERIOUS: SeriousIncidentAnswers = {
  securityLevel: 4,
  nationalCriticalList: 'no',
  impacts: { ...NO_IMPACTS, serviceOutage: 'yes' },
  beyondOwnerCapacity: 'yes',
};

describe('QĐ 05 Điều 9 serious-incident checklist: rule paths', () => {
  it('level 4 + service outage + beyond the owner → serious, with the three reasons', () => {
    expect(assessSeriousIncident(SERIOUS)).toEqual({
      serious: true,
      reasons: ['highLevel', 'impact.serviceOutage', 'beyondOwnerCapacity'],
      missing: [],
    });
  });

  it('level 2 on the national critical list counts like level 4/5; each impact (a)–(đ) is enough alone', () => {
    for (const impact of IMPACTS) {
      const r = assessSeriousIncident({
        securityLevel: 2,
        nationalCriticalList: 'yes',
        impacts: { ...NO_IMPACTS, [impact]: 'yes' },
        beyondOwnerCapacity: 'yes',
      });
      expect(r).toEqual({
        serious: true,
        reasons: ['nationalCriticalList', `impact.${impact}`, 'beyondOwnerCapacity'],
        missing: [],
      });
    }
  });

  it('level 5 and on the list with several impacts lists every fact that applies', () => {
    const r = assessSeriousIncident({
      ...SERIOUS,
      securityLevel: 5,
      nationalCriticalList: 'yes',
      impacts: { ...NO_IMPACTS, lossOfControl: 'yes', secretDisclosure: 'yes' },
    });
    expect(r.reasons).toEqual([
      'highLevel',
      'nationalCriticalList',
      'impact.secretDisclosure',
      'impact.lossOfControl',
      'beyondOwnerCapacity',
    ]);
  });

  it('level 3 not on the list → ordinary, even with every impact and an overwhelmed owner', () => {
    const r = assessSeriousIncident({
      securityLevel: 3,
      nationalCriticalList: 'no',
      impacts: { ...NO_IMPACTS, serviceOutage: 'yes', lossOfControl: 'yes' },
      beyondOwnerCapacity: 'yes',
    });
    expect(r).toEqual({ serious: false, reasons: ['lowLevelNotCritical'], missing: [] });
  });

  it('no listed impact → ordinary; owner handles it → ordinary; both → both reasons', () => {
    expect(assessSeriousIncident({ ...SERIOUS, impacts: NO_IMPACTS })).toEqual({
      serious: false,
      reasons: ['noListedImpact'],
      missing: [],
    });
    expect(assessSeriousIncident({ ...SERIOUS, beyondOwnerCapacity: 'no' })).toEqual({
      serious: false,
      reasons: ['withinOwnerCapacity'],
      missing: [],
    });
    expect(assessSeriousIncident({ ...SERIOUS, impacts: NO_IMPACTS, beyondOwnerCapacity: 'no' }).reasons).toEqual([
      'noListedImpact',
      'withinOwnerCapacity',
    ]);
  });

  it('a single "no" decides even when everything else is unanswered', () => {
    expect(assessSeriousIncident({ ...UNANSWERED, beyondOwnerCapacity: 'no' })).toEqual({
      serious: false,
      reasons: ['withinOwnerCapacity'],
      missing: [],
    });
  });

  it('nothing answered → undetermined, every question missing', () => {
    expect(assessSeriousIncident(UNANSWERED)).toEqual({
      serious: 'undetermined',
      reasons: [],
      missing: [
        'securityLevel',
        'nationalCriticalList',
        'impact.serviceOutage',
        'impact.secretDisclosure',
        'impact.unrecoverableIntegrityLoss',
        'impact.lossOfControl',
        'impact.widespreadOrCascade',
        'beyondOwnerCapacity',
      ],
    });
  });

  it('undetermined asks only what still matters: the list question goes once the level is 4', () => {
    const r = assessSeriousIncident({ ...SERIOUS, nationalCriticalList: 'unknown', beyondOwnerCapacity: 'unknown' });
    expect(r).toEqual({
      serious: 'undetermined',
      reasons: ['highLevel', 'impact.serviceOutage'],
      missing: ['beyondOwnerCapacity'],
    });
    const low = assessSeriousIncident({ ...SERIOUS, securityLevel: 3, nationalCriticalList: 'unknown' });
    expect(low).toMatchObject({ serious: 'undetermined', missing: ['nationalCriticalList'] });
    const someImpacts = assessSeriousIncident({ ...SERIOUS, impacts: { ...NO_IMPACTS, lossOfControl: 'unknown' } });
    expect(someImpacts).toMatchObject({ serious: 'undetermined', missing: ['impact.lossOfControl'] });
  });

  it('every reason and question has vi and en text', () => {
    const all = [...Object.values(REASON_TEXT), ...Object.values(QUESTION_TEXT)];
    for (const t of all) expect(t.vi.length > 0 && t.en.length > 0 && t.vi !== t.en).toBe(true);
    expect(Object.keys(QUESTION_TEXT)).toEqual(assessSeriousIncident(UNANSWERED).missing);
  });
});

describe('serious-incident answers from untrusted input', () => {
  it('fills unanswered questions with unknown and assesses', () => {
    expect(evaluateSeriousIncident({})).toEqual({ ok: true, result: assessSeriousIncident(UNANSWERED) });
    expect(
      evaluateSeriousIncident({
        securityLevel: 5,
        impacts: { widespreadOrCascade: 'yes' },
        beyondOwnerCapacity: 'yes',
      }),
    ).toEqual({
      ok: true,
      result: {
        serious: true,
        reasons: ['highLevel', 'impact.widespreadOrCascade', 'beyondOwnerCapacity'],
        missing: [],
      },
    });
  });

  it('rejects out-of-range levels, unknown answers and unknown keys with the path', () => {
    expect(evaluateSeriousIncident({ securityLevel: 6 })).toMatchObject({ ok: false, error: /^securityLevel: / });
    expect(evaluateSeriousIncident({ securityLevel: '4' }).ok).toBe(false);
    expect(evaluateSeriousIncident({ impacts: { lossOfControl: true } })).toMatchObject({
      ok: false,
      error: /^impacts\.lossOfControl: /,
    });
    expect(evaluateSeriousIncident({ impacts: { ransom: 'yes' } }).ok).toBe(false);
    expect(evaluateSeriousIncident({ serious: true }).ok).toBe(false);
    expect(evaluateSeriousIncident(null).ok).toBe(false);
  });
});

const answer = fc.constantFrom<Answer>('yes', 'no', 'unknown');
const answers: fc.Arbitrary<SeriousIncidentAnswers> = fc.record({
  securityLevel: fc.constantFrom<SeriousIncidentAnswers['securityLevel']>(1, 2, 3, 4, 5, 'unknown'),
  nationalCriticalList: answer,
  impacts: fc.record<Record<Impact, Answer>>({
    serviceOutage: answer,
    secretDisclosure: answer,
    unrecoverableIntegrityLoss: answer,
    lossOfControl: answer,
    widespreadOrCascade: answer,
  }),
  beyondOwnerCapacity: answer,
});

function unknowns(a: SeriousIncidentAnswers): number {
  return [a.securityLevel, a.nationalCriticalList, ...Object.values(a.impacts), a.beyondOwnerCapacity].filter(
    (x) => x === 'unknown',
  ).length;
}

/** Answers every open question the most (or least) serious way. */
function complete(a: SeriousIncidentAnswers, worst: boolean): SeriousIncidentAnswers {
  const fill = (x: Answer): Answer => (x === 'unknown' ? (worst ? 'yes' : 'no') : x);
  return {
    securityLevel: a.securityLevel === 'unknown' ? (worst ? 5 : 1) : a.securityLevel,
    nationalCriticalList: fill(a.nationalCriticalList),
    impacts: {
      serviceOutage: fill(a.impacts.serviceOutage),
      secretDisclosure: fill(a.impacts.secretDisclosure),
      unrecoverableIntegrityLoss: fill(a.impacts.unrecoverableIntegrityLoss),
      lossOfControl: fill(a.impacts.lossOfControl),
      widespreadOrCascade: fill(a.impacts.widespreadOrCascade),
    },
    beyondOwnerCapacity: fill(a.beyondOwnerCapacity),
  };
}

describe('serious-incident checklist properties', () => {
  it('monotone: answering an impact "yes" never turns serious into not serious or undetermined', () => {
    fc.assert(
      fc.property(answers, fc.constantFrom(...IMPACTS), (a, impact) => {
        const before = assessSeriousIncident(a).serious;
        const after = assessSeriousIncident({ ...a, impacts: { ...a.impacts, [impact]: 'yes' } }).serious;
        if (before === true) expect(after).toBe(true);
        if (after === false) expect(before).toBe(false);
      }),
    );
  });

  it('undetermined only with answers missing, and then the open questions can still go either way', () => {
    fc.assert(
      fc.property(answers, (a) => {
        const r = assessSeriousIncident(a);
        if (unknowns(a) === 0) expect(r.serious).not.toBe('undetermined');
        expect(r.missing.length > 0).toBe(r.serious === 'undetermined');
        if (r.serious !== 'undetermined') return;
        expect(assessSeriousIncident(complete(a, true)).serious).toBe(true);
        expect(assessSeriousIncident(complete(a, false)).serious).toBe(false);
      }),
    );
  });

  it('a decided result stays decided whatever the open questions turn out to be', () => {
    fc.assert(
      fc.property(answers, answers, (a, fill) => {
        const r = assessSeriousIncident(a);
        if (r.serious === 'undetermined') return;
        const pick = <T>(x: T | 'unknown', y: T | 'unknown') => (x === 'unknown' ? y : x);
        const answered = complete(
          {
            securityLevel: pick(a.securityLevel, fill.securityLevel),
            nationalCriticalList: pick(a.nationalCriticalList, fill.nationalCriticalList),
            impacts: {
              serviceOutage: pick(a.impacts.serviceOutage, fill.impacts.serviceOutage),
              secretDisclosure: pick(a.impacts.secretDisclosure, fill.impacts.secretDisclosure),
              unrecoverableIntegrityLoss: pick(
                a.impacts.unrecoverableIntegrityLoss,
                fill.impacts.unrecoverableIntegrityLoss,
              ),
              lossOfControl: pick(a.impacts.lossOfControl, fill.impacts.lossOfControl),
              widespreadOrCascade: pick(a.impacts.widespreadOrCascade, fill.impacts.widespreadOrCascade),
            },
            beyondOwnerCapacity: pick(a.beyondOwnerCapacity, fill.beyondOwnerCapacity),
          },
          false,
        );
        expect(assessSeriousIncident(answered).serious).toBe(r.serious);
      }),
    );
  });

  it('never throws on random input, and valid answers evaluate the same as the pure function', () => {
    const loose = fc.oneof(
      fc.anything(),
      fc.record(
        {
          securityLevel: fc.oneof(fc.integer(), fc.string(), fc.constant('unknown')),
          impacts: fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom(...IMPACTS, 'x'), fc.anything())),
          beyondOwnerCapacity: fc.oneof(answer, fc.anything()),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(loose, (raw) => {
        expect(typeof evaluateSeriousIncident(raw).ok).toBe('boolean');
      }),
    );
    fc.assert(
      fc.property(answers, (a) => {
        expect(evaluateSeriousIncident(a)).toEqual({ ok: true, result: assessSeriousIncident(a) });
      }),
    );
  });
});
