// The organisation tree (GET /api/organisations/tree, src/modules/constituency/tree.ts).

import { useQuery } from '@tanstack/react-query';
import type { OrganisationKind } from '../../../src/shared/vocabulary';
import { request } from './client';

export interface OrgTreeItem {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  kind: OrganisationKind;
  parentId: string | null;
  active: boolean;
  successorId: string | null;
}

export interface OrgTreeAnswer {
  items: OrgTreeItem[];
  total: number;
  capped: boolean;
  cap: number;
}

/** Under ['organisations'] so that every organisation change refreshes the tree too. */
export function useOrgTree(enabled: boolean) {
  return useQuery({
    queryKey: ['organisations', 'tree'] as const,
    queryFn: ({ signal }) => request<OrgTreeAnswer>('/api/organisations/tree', { signal }),
    enabled,
    staleTime: 60_000,
  });
}
