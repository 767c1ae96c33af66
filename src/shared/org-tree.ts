// Building the organisation tree and searching it without diacritics. Shared by the web client
// (which draws the tree) and the server tests; no dependencies.

export type TreeOrg = {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  parentId: string | null;
};

export type OrgForestNode<T> = { org: T; children: OrgForestNode<T>[] };

/** Lowercase, without diacritics: "Sở Y tế Đà Nẵng" → "so y te da nang" (as canhgac_fold on the server). */
export function foldText(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');
}

const byCode = <T extends TreeOrg>(a: OrgForestNode<T>, b: OrgForestNode<T>) =>
  a.org.code < b.org.code ? -1 : a.org.code > b.org.code ? 1 : 0;

/**
 * The parent/child forest. Every organisation appears exactly once: those whose parent is not
 * visible to the caller become roots, and so does one member of any parent cycle (the data should
 * have none, but a tree must never hide an organisation or loop).
 */
export function orgForest<T extends TreeOrg>(orgs: readonly T[]): OrgForestNode<T>[] {
  const ids = new Set(orgs.map((o) => o.id));
  const children = new Map<string, T[]>();
  const roots: T[] = [];
  for (const org of orgs) {
    if (org.parentId && org.parentId !== org.id && ids.has(org.parentId)) {
      const list = children.get(org.parentId) ?? [];
      list.push(org);
      children.set(org.parentId, list);
    } else {
      roots.push(org);
    }
  }
  const placed = new Set<string>();
  const build = (org: T): OrgForestNode<T> => {
    placed.add(org.id);
    const kids = (children.get(org.id) ?? []).filter((c) => !placed.has(c.id));
    for (const kid of kids) placed.add(kid.id);
    return { org, children: kids.map(build).sort(byCode) };
  };
  const forest = roots.map(build);
  // Whatever is left sits on a cycle: start from its smallest code.
  for (const org of [...orgs].sort((a, b) => (a.code < b.code ? -1 : 1))) {
    if (!placed.has(org.id)) forest.push(build(org));
  }
  return forest.sort(byCode);
}

const words = (text: string) =>
  foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/**
 * Ids of organisations where every word of the query starts a word of the code or names,
 * diacritics ignored: "so y te" finds "Sở Y tế" but not "Ủy ban" (whose "y" is inside a word).
 */
export function matchOrgs<T extends TreeOrg>(orgs: readonly T[], query: string): Set<string> {
  const wanted = words(query);
  const hits = new Set<string>();
  if (wanted.length === 0) return hits;
  for (const org of orgs) {
    const have = words(`${org.code} ${org.name} ${org.nameEn ?? ''}`);
    if (wanted.every((w) => have.some((h) => h.startsWith(w)))) hits.add(org.id);
  }
  return hits;
}

/** The ids on the path from the roots down to (not including) each given node of the forest. */
export function ancestorIds<T extends TreeOrg>(forest: readonly OrgForestNode<T>[], targets: Set<string>): Set<string> {
  const out = new Set<string>();
  const walk = (node: OrgForestNode<T>, path: string[]) => {
    if (targets.has(node.org.id)) for (const id of path) out.add(id);
    for (const child of node.children) walk(child, [...path, node.org.id]);
  };
  for (const root of forest) walk(root, []);
  return out;
}
