import type { GetRef } from 'antd';
import { Alert, Empty, Flex, Input, Segmented, Skeleton, Tag, Tree, type TreeDataNode, Typography } from 'antd';
import { type Key, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ancestorIds, matchOrgs, type OrgForestNode, orgForest } from '../../../../src/shared/org-tree';
import { type OrgTreeItem, useOrgTree } from '../../api/org-tree';
import { ORG_KINDS } from '../../api/types';
import { kindLabel, orgName } from '../../components/labels';
import { errorText } from '../../lib/notify';
import { useLocale } from '../../lib/useLocale';

export type TreeGrouping = 'kind' | 'parent';

interface OrgTreeViewProps {
  grouping: TreeGrouping;
  onGroupingChange: (grouping: TreeGrouping) => void;
  onOpen: (organisationId: string) => void;
}

const KIND_KEY = 'kind:';

function NodeTitle({ org, byId, hit }: { org: OrgTreeItem; byId: Map<string, OrgTreeItem>; hit: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const successor = org.successorId ? byId.get(org.successorId) : undefined;
  return (
    <span data-testid={`org-tree-node-${org.code}`} className={hit ? 'org-tree-hit' : undefined}>
      <Typography.Text strong mark={hit}>
        {org.code}
      </Typography.Text>{' '}
      <Typography.Text type={org.active ? undefined : 'secondary'} delete={!org.active && Boolean(org.successorId)}>
        {orgName(org, locale)}
      </Typography.Text>
      {org.active ? (
        org.successorId ? (
          <Tag style={{ marginInlineStart: 8 }} data-testid="org-tree-successor">
            {t('organisations.tree.successor', { code: successor?.code ?? '…' })}
          </Tag>
        ) : null
      ) : (
        <Tag style={{ marginInlineStart: 8 }} data-testid="org-tree-inactive">
          {org.successorId
            ? t('organisations.tree.mergedInto', { code: successor?.code ?? '…' })
            : t('common.inactive')}
        </Tag>
      )}
    </span>
  );
}

/** The organisations the caller may see as a tree, by kind or by parent, with a folded search. */
export function OrgTreeView({ grouping, onGroupingChange, onOpen }: OrgTreeViewProps) {
  const { t } = useTranslation();
  const tree = useOrgTree(true);
  const [query, setQuery] = useState('');
  // Per grouping: null until the user opens or closes a branch.
  const [expanded, setExpanded] = useState<Record<TreeGrouping, Key[] | null>>({ kind: null, parent: null });
  const [followSearch, setFollowSearch] = useState(false);
  const items = tree.data?.items;

  const model = useMemo(() => {
    const orgs = items ?? [];
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const hits = matchOrgs(orgs, query);
    const leaf = (org: OrgTreeItem, children?: TreeDataNode[]): TreeDataNode => ({
      key: org.id,
      title: <NodeTitle org={org} byId={byId} hit={hits.has(org.id)} />,
      children,
      isLeaf: !children || children.length === 0,
    });
    if (grouping === 'kind') {
      const data: TreeDataNode[] = ORG_KINDS.flatMap((kind) => {
        const members = orgs.filter((o) => o.kind === kind);
        if (members.length === 0) return [];
        return [
          {
            key: `${KIND_KEY}${kind}`,
            title: (
              <span data-testid={`org-tree-kind-${kind}`}>
                <Typography.Text strong>{kindLabel(t, kind)}</Typography.Text>{' '}
                <Typography.Text type="secondary">({members.length})</Typography.Text>
              </span>
            ),
            children: members.map((o) => leaf(o)),
          },
        ];
      });
      const open = new Set(orgs.filter((o) => hits.has(o.id)).map((o) => `${KIND_KEY}${o.kind}`));
      return { data, hits, open: [...open] as Key[], initial: [] as Key[] };
    }
    const forest = orgForest(orgs);
    const toNode = (node: OrgForestNode<OrgTreeItem>): TreeDataNode => leaf(node.org, node.children.map(toNode));
    return {
      data: forest.map(toNode),
      hits,
      open: [...ancestorIds(forest, hits)] as Key[],
      initial: forest.map((n) => n.org.id) as Key[],
    };
  }, [items, grouping, query, t]);

  // Typing a search opens the branches that hold a match; after that the user's clicks decide.
  const expandedKeys = followSearch && query.trim() ? model.open : (expanded[grouping] ?? model.initial);
  const treeRef = useRef<GetRef<typeof Tree>>(null);
  const firstHit = model.data.length > 0 ? items?.find((o) => model.hits.has(o.id))?.id : undefined;
  // The tree is virtual: bring the first match into its window once the opened rows are laid out
  // (again whenever the rows change while searching, so a scroll taken too early is corrected).
  useEffect(() => {
    if (!followSearch || !firstHit || model.data.length === 0) return;
    const frame = requestAnimationFrame(() => treeRef.current?.scrollTo({ key: firstHit, align: 'auto' }));
    return () => cancelAnimationFrame(frame);
  }, [followSearch, firstHit, model]);

  let body: ReactNode;
  if (tree.isPending) body = <Skeleton active paragraph={{ rows: 8 }} />;
  else if (tree.isError)
    body = <Alert type="error" showIcon title={t('errors.loadFailed')} description={errorText(tree.error)} />;
  else if (model.data.length === 0)
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('organisations.empty')} />;
  else
    body = (
      <Tree
        ref={treeRef}
        // no expand animation: while it runs the list lacks the new rows, and scrolling to a match misses
        motion={false}
        blockNode
        showLine={grouping === 'parent'}
        treeData={model.data}
        expandedKeys={expandedKeys}
        onExpand={(keys) => {
          setExpanded((current) => ({ ...current, [grouping]: keys }));
          setFollowSearch(false);
        }}
        selectedKeys={[]}
        onSelect={(_, info) => {
          const key = String(info.node.key);
          if (!key.startsWith(KIND_KEY)) return onOpen(key);
          // a kind opens and closes on a click of its name
          const keys = expandedKeys.includes(key) ? expandedKeys.filter((k) => k !== key) : [...expandedKeys, key];
          setExpanded((current) => ({ ...current, [grouping]: keys }));
          setFollowSearch(false);
        }}
        height={640}
      />
    );

  return (
    <div data-testid="org-tree">
      <Flex gap={8} wrap className="filters" align="center">
        <Input.Search
          allowClear
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setFollowSearch(true);
          }}
          placeholder={t('organisations.tree.searchPlaceholder')}
          style={{ width: 320, maxWidth: '100%' }}
          data-testid="org-tree-search"
        />
        <Segmented<TreeGrouping>
          value={grouping}
          onChange={onGroupingChange}
          options={[
            { value: 'kind', label: t('organisations.tree.byKind') },
            { value: 'parent', label: t('organisations.tree.byParent') },
          ]}
          data-testid="org-tree-grouping"
        />
        {query.trim() && items ? (
          <Typography.Text type="secondary" data-testid="org-tree-matches">
            {t('organisations.tree.matches', { count: model.hits.size })}
          </Typography.Text>
        ) : null}
      </Flex>
      {tree.data?.capped ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="org-tree-capped"
          title={t('organisations.tree.capped', { shown: tree.data.cap, total: tree.data.total })}
        />
      ) : null}
      {body}
    </div>
  );
}
