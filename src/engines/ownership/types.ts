/** How an organisation came to own a value: its own range/domain, or a component of a system it operates. */
export type Via = 'range' | 'domain' | 'component';

/**
 * What the index is built from. `owner` is opaque to the engine (an organisation id); `match` is
 * shown to users (defaults to the canonical cidr/domain); `ref` is carried through (e.g. a component id).
 */
export type RangeEntry = { type: 'range'; cidr: string; owner: string; via: Via; match?: string; ref?: string };
export type DomainEntry = {
  type: 'domain';
  domain: string;
  includeSubdomains: boolean;
  owner: string;
  via: Via;
  match?: string;
  ref?: string;
};
export type OwnershipEntry = RangeEntry | DomainEntry;

/**
 * One owner of a looked-up value. `specificity` is the prefix length of the range or the label count
 * of the domain; hits come most specific first.
 */
export type OwnershipHit = {
  readonly owner: string;
  readonly via: Via;
  readonly match: string;
  readonly specificity: number;
  readonly ref?: string;
};

export type Hits = readonly OwnershipHit[];

export const NO_HITS: Hits = Object.freeze([]);
