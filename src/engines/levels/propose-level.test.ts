import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_FACTS, type LevelFacts, proposeLevel } from './propose-level.ts';

describe('NĐ 85 level proposal', () => {
  it('internal system with public information only → level 1', () => {
    expect(proposeLevel(EMPTY_FACTS)).toEqual({
      level: 1,
      reasons: [{ level: 1, article: 'Điều 7', key: 'publicInformationOnly' }],
    });
  });

  it('personal data of fewer than 10,000 users → level 2; 10,000 or more → level 3', () => {
    expect(proposeLevel({ ...EMPTY_FACTS, personalDataUsers: 9_999 }).level).toBe(2);
    const p = proposeLevel({ ...EMPTY_FACTS, personalDataUsers: 10_000 });
    expect(p.level).toBe(3);
    expect(p.reasons.map((r) => r.key)).toEqual(['personalData10k']);
  });

  it('a provincial portal: public services at mức 3 and shared provincial infrastructure → level 3, both reasons', () => {
    const p = proposeLevel({ ...EMPTY_FACTS, onlinePublicServiceLevel: 4, infrastructureScope: 'sector-or-province' });
    expect(p).toMatchObject({ level: 3 });
    expect(p.reasons.map((r) => r.key).sort()).toEqual(['publicServiceLevel3', 'sharedInfrastructure']);
  });

  it('national e-government 24/7 → 4; international interconnection → 5', () => {
    expect(proposeLevel({ ...EMPTY_FACTS, nationalEGovernment24x7: true }).level).toBe(4);
    expect(
      proposeLevel({ ...EMPTY_FACTS, nationalEGovernment24x7: true, internationalInterconnection: true }).level,
    ).toBe(5);
  });

  it('property: adding a fact never lowers the level, and every reason is at the proposed level', () => {
    const facts = fc.record<LevelFacts>({
      stateSecrets: fc.boolean(),
      harmToDefence: fc.constantFrom('none', 'harm', 'serious', 'especially-serious'),
      privateOrPersonalData: fc.boolean(),
      onlinePublicServiceLevel: fc.constantFrom(0, 1, 2, 3, 4),
      conditionalBusinessServices: fc.boolean(),
      otherOnlineServices: fc.boolean(),
      personalDataUsers: fc.nat(100_000),
      infrastructureScope: fc.constantFrom('none', 'one-agency', 'sector-or-province', 'national'),
      nationalEGovernment24x7: fc.boolean(),
      nationalCentralStorage: fc.boolean(),
      internationalInterconnection: fc.boolean(),
      icsWorksGrade: fc.constantFrom('none', 'grade-2-4', 'grade-1', 'special'),
      primeMinisterDecision: fc.boolean(),
    });
    fc.assert(
      fc.property(facts, (f) => {
        const p = proposeLevel(f);
        expect(p.reasons.length).toBeGreaterThan(0);
        for (const r of p.reasons) expect(r.level).toBe(p.level);
        expect(proposeLevel({ ...f, stateSecrets: true }).level).toBeGreaterThanOrEqual(Math.max(p.level, 3));
        expect(proposeLevel({ ...f, primeMinisterDecision: true }).level).toBe(5);
      }),
    );
  });
});
