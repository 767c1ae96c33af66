export { type IndexStats, isTie, OwnershipIndex, type OwnershipLookup } from './ownership-index.ts';
export type { DomainEntry, Hits, OwnershipEntry, OwnershipHit, RangeEntry, Via } from './types.ts';
