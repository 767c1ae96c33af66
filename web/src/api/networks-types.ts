// Types of the network ownership API (src/modules/constituency/networks/schemas.ts).

export type NetworkKind = 'range' | 'domain' | 'asn';

export interface NetworkEntry {
  id: string;
  organisationId: string;
  kind: NetworkKind;
  value: string;
  includeSubdomains: boolean | null;
  note: string | null;
  createdAt: string;
  conflict: 'tie' | 'overlap' | null;
}

export type NetworkInput =
  | { kind: 'range'; cidr: string; note?: string | null }
  | { kind: 'domain'; domain: string; includeSubdomains: boolean; note?: string | null }
  | { kind: 'asn'; asn: string; note?: string | null };

export interface OwnerOrganisation {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  kind: string;
}

export interface Owner {
  organisation: OwnerOrganisation;
  via: 'range' | 'domain' | 'component';
  match: string;
  system: { id: string; code: string; name: string } | null;
}

export interface OwnershipAnswer {
  value: string;
  normalised: string;
  kind: string;
  host: string;
  owners: Owner[];
  tie: boolean;
}

export interface Overlap {
  kind: 'range' | 'domain';
  relation: 'tie' | 'overlap';
  outer: { id: string; value: string; organisation: OwnerOrganisation };
  inner: { id: string; value: string; organisation: OwnerOrganisation };
}

type ClaimOrg = { id: string; code: string; name: string; nameEn: string | null };

/** A member's component inside space another organisation registered, waiting for a coordinator. */
export type ComponentClaim = {
  componentId: string;
  system: { id: string; code: string; name: string };
  value: string;
  claimedBy: ClaimOrg | null;
  registeredBy: ClaimOrg[];
};
