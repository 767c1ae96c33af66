import { Alert, Button, Card, Input, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMe } from '../../api/hooks';
import { useComponentClaims, useConfirmClaim, useOverlaps, useOwnership } from '../../api/networks-hooks';
import type { ComponentClaim, Overlap } from '../../api/networks-types';
import { useCursorPager } from '../../components/CursorPager';
import { OwnershipAnswerView } from '../../components/OwnershipAnswerView';
import { PageTitle } from '../../components/PageTitle';
import { ServerTable } from '../../components/ServerTable';
import { canManageNetworks, canViewOverlaps } from '../../lib/network-access';
import { errorText } from '../../lib/notify';

/** "Who owns this?": an IP, range, domain, URL or e-mail → its owners, most specific first. */
export default function OwnershipLookupPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const value = params.get('value') ?? '';
  const [draft, setDraft] = useState(value);
  // The header box navigates here with a new value while the page may already be open.
  useEffect(() => setDraft(value), [value]);
  const answer = useOwnership(value);

  const search = (text: string) => {
    const next = new URLSearchParams(params);
    if (text.trim()) next.set('value', text.trim());
    else next.delete('value');
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageTitle title={t('networks.lookup.title')} description={t('networks.lookup.intro')} />
      <Card>
        <Space orientation="vertical" style={{ width: '100%' }} size={16}>
          <Input.Search
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onSearch={search}
            enterButton={t('networks.lookup.button')}
            placeholder={t('networks.lookup.placeholder')}
            aria-label={t('networks.lookup.title')}
            allowClear
            size="large"
            loading={answer.isFetching}
            data-testid="ownership-input"
          />
          {answer.isError ? (
            <Alert type="error" showIcon title={errorText(answer.error)} data-testid="ownership-error" />
          ) : answer.data ? (
            <OwnershipAnswerView answer={answer.data} />
          ) : null}
        </Space>
      </Card>
      {canViewOverlaps(me.data) ? <ComponentClaimsCard canConfirm={canManageNetworks(me.data)} /> : null}
      {canViewOverlaps(me.data) ? <OverlapsCard /> : null}
    </>
  );
}

function OverlapsCard() {
  const { t } = useTranslation();
  const pager = useCursorPager('overlaps');
  const list = useOverlaps({ cursor: pager.cursor, limit: pager.limit });
  const side = (s: Overlap['outer']) => (
    <Space size={4}>
      <Typography.Text code>{s.value}</Typography.Text>
      <Typography.Text strong>{s.organisation.code}</Typography.Text>
    </Space>
  );
  const columns: TableColumnsType<Overlap> = [
    {
      title: t('networks.overlaps.relation'),
      key: 'relation',
      render: (_, r) => (
        <Tag color={r.relation === 'tie' ? 'red' : 'orange'}>{t(`networks.conflict.${r.relation}`)}</Tag>
      ),
    },
    { title: t('networks.overlaps.outer'), key: 'outer', render: (_, r) => side(r.outer) },
    { title: t('networks.overlaps.inner'), key: 'inner', render: (_, r) => side(r.inner) },
  ];
  return (
    <Card title={t('networks.overlaps.title')} style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">{t('networks.overlaps.intro')}</Typography.Paragraph>
      <ServerTable<Overlap>
        testId="ownership-overlaps"
        rowKey={(r) => `${r.outer.id}-${r.inner.id}`}
        columns={columns}
        list={list}
        pager={pager}
        emptyText={t('networks.overlaps.empty')}
      />
    </Card>
  );
}

/** Components that would own space another organisation registered: they count once a coordinator confirms. */
function ComponentClaimsCard({ canConfirm }: { canConfirm: boolean }) {
  const { t } = useTranslation();
  const claims = useComponentClaims();
  const confirm = useConfirmClaim();
  const items = claims.data?.items ?? [];
  if (!claims.isError && items.length === 0) return null;
  const columns: TableColumnsType<ComponentClaim> = [
    {
      title: t('networks.claims.value'),
      key: 'value',
      render: (_, c) => <Typography.Text code>{c.value}</Typography.Text>,
    },
    { title: t('networks.claims.system'), key: 'system', render: (_, c) => `${c.system.code} — ${c.system.name}` },
    { title: t('networks.claims.claimedBy'), key: 'claimedBy', render: (_, c) => c.claimedBy?.code ?? '' },
    {
      title: t('networks.claims.registeredBy'),
      key: 'registeredBy',
      render: (_, c) => c.registeredBy.map((o) => o.code).join(', '),
    },
    ...(canConfirm
      ? [
          {
            title: '',
            key: 'confirm',
            render: (_: unknown, c: ComponentClaim) => (
              <Button
                size="small"
                loading={confirm.isPending && confirm.variables?.componentId === c.componentId}
                onClick={() => confirm.mutate({ systemId: c.system.id, componentId: c.componentId })}
                data-testid={`claim-confirm-${c.componentId}`}
              >
                {t('networks.claims.confirm')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card title={t('networks.claims.title')} style={{ marginTop: 16 }} data-testid="component-claims">
      <Typography.Paragraph type="secondary">{t('networks.claims.intro')}</Typography.Paragraph>
      {claims.isError ? <Alert type="error" showIcon title={errorText(claims.error)} /> : null}
      {confirm.isError ? <Alert type="error" showIcon title={errorText(confirm.error)} /> : null}
      <Table<ComponentClaim>
        rowKey="componentId"
        size="small"
        columns={columns}
        dataSource={items}
        pagination={false}
      />
    </Card>
  );
}
