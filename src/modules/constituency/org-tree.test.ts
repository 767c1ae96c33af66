import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ancestorIds,
  foldText,
  matchOrgs,
  type OrgForestNode,
  orgForest,
  type TreeOrg,
} from '../../shared/org-tree.ts';

const flatten = <T extends TreeOrg>(forest: OrgForestNode<T>[], parent: string | null = null): [T, string | null][] =>
  forest.flatMap((n) => [[n.org, parent] as [T, string | null], ...flatten(n.children, n.org.id)]);

/** n organisations whose parents are arbitrary (missing, self, cycles allowed). */
const orgsArb = fc.integer({ min: 0, max: 40 }).chain((n) =>
  fc
    .array(fc.option(fc.integer({ min: 0, max: n + 3 }), { nil: null }), { minLength: n, maxLength: n })
    .map((parents) =>
      parents.map(
        (p, i): TreeOrg => ({
          id: `id${i}`,
          code: `C${String(i).padStart(3, '0')}`,
          name: `Đơn vị ${i}`,
          nameEn: null,
          parentId: p === null ? null : `id${p}`,
        }),
      ),
    ),
);

describe('organisation forest', () => {
  it('holds every organisation exactly once, under its own parent whenever it is placed under one', () => {
    fc.assert(
      fc.property(orgsArb, (orgs) => {
        const placed = flatten(orgForest(orgs));
        expect(placed.map(([o]) => o.id).sort()).toEqual(orgs.map((o) => o.id).sort());
        for (const [org, parent] of placed) if (parent !== null) expect(org.parentId).toBe(parent);
      }),
    );
  });

  it('puts an organisation whose parent is out of sight at the top', () => {
    const forest = orgForest([{ id: 'a', code: 'A', name: 'A', nameEn: null, parentId: 'hidden' }]);
    expect(forest.map((n) => n.org.id)).toEqual(['a']);
  });

  it('expands exactly the ancestors of a match', () => {
    const orgs: TreeOrg[] = [
      { id: 'p', code: 'UBND', name: 'Ủy ban nhân dân tỉnh', nameEn: null, parentId: null },
      { id: 'c', code: 'SYT', name: 'Sở Y tế', nameEn: 'Department of Health', parentId: 'p' },
      { id: 'g', code: 'BV', name: 'Bệnh viện Đa khoa', nameEn: null, parentId: 'c' },
    ];
    const hits = matchOrgs(orgs, 'benh vien da khoa');
    expect([...hits]).toEqual(['g']);
    expect([...ancestorIds(orgForest(orgs), hits)].sort()).toEqual(['c', 'p']);
    expect([...matchOrgs(orgs, 'so y')]).toEqual(['c']);
    expect([...matchOrgs(orgs, 'uy ban')]).toEqual(['p']);
    // a word must start a word: the "y" inside "Ủy" does not count
    expect([...matchOrgs(orgs, 'y')]).toEqual(['c']);
    expect([...matchOrgs(orgs, 'health SYT')]).toEqual(['c']);
    expect(matchOrgs(orgs, '   ').size).toBe(0);
  });
});

describe('folding', () => {
  it('ignores case and Vietnamese diacritics, and is idempotent', () => {
    expect(foldText('Sở Thông tin và Truyền thông ĐÀ NẴNG')).toBe('so thong tin va truyen thong da nang');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(foldText(foldText(s))).toBe(foldText(s));
      }),
    );
  });
});
