import { Card, Col, Input, Row, Select, Skeleton, Space, Statistic, type TableColumnsType, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PUBLICATION_STATUSES } from '../../../src/shared/vocabulary';
import { usePublicationStatus, usePublicationSummary } from '../api/publication-hooks';
import type { PublicationStatus, PublicationStatusRow } from '../api/publication-types';
import { useCursorPager } from '../components/CursorPager';
import { PageTitle } from '../components/PageTitle';
import { PublicationResultTag } from '../components/PublicationResultTag';
import { ServerTable } from '../components/ServerTable';
import { formatDateTime } from '../lib/dates';
import { useLocale } from '../lib/useLocale';
import { OrgDrawer } from './organisations/OrgDrawer';

const PublicationChart = lazy(() => import('../components/PublicationChart'));

const isStatus = (value: string | null): value is PublicationStatus =>
  value !== null && (PUBLICATION_STATUSES as readonly string[]).includes(value);

/** Contact publication across the constituency (R8 scorecard): status per organisation, filter, chart. */
export default function PublicationPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const [q, setQ] = useState('');
  const filters = { status, q: q.trim() || undefined };
  const pager = useCursorPager(JSON.stringify(filters));
  const list = usePublicationStatus(filters, { cursor: pager.cursor, limit: pager.limit });
  const summary = usePublicationSummary();
  const [openOrg, setOpenOrg] = useState<string | null>(null);

  const setStatus = (value: PublicationStatus | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set('status', value);
    else next.delete('status');
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<PublicationStatusRow> = [
    {
      title: t('organisations.code'),
      key: 'code',
      render: (_, r) => (
        <Typography.Link onClick={() => setOpenOrg(r.organisation.id)} data-testid="publication-org">
          {r.organisation.code}
        </Typography.Link>
      ),
    },
    {
      title: t('organisations.name'),
      key: 'name',
      render: (_, r) => (locale === 'en' ? r.organisation.nameEn || r.organisation.name : r.organisation.name),
    },
    { title: t('publication.result'), key: 'status', render: (_, r) => <PublicationResultTag status={r.status} /> },
    {
      title: t('publication.checkedAt'),
      key: 'checkedAt',
      render: (_, r) => (r.latest ? formatDateTime(r.latest.checkedAt) : '—'),
    },
    {
      title: t('publication.missing'),
      key: 'missing',
      render: (_, r) => (r.latest?.missing.length ? r.latest.missing.map((v) => v.value).join(', ') : '—'),
    },
    {
      title: t('publication.portalUrl'),
      key: 'url',
      render: (_, r) =>
        r.url ? (
          <a href={r.url} target="_blank" rel="noopener noreferrer nofollow">
            {r.url}
          </a>
        ) : (
          '—'
        ),
    },
  ];

  const published = summary.data?.byStatus.published ?? 0;
  return (
    <>
      <PageTitle title={t('publication.pageTitle')} description={t('publication.pageIntro')} />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={8}>
          <Card size="small">
            <Statistic
              title={t('publication.publishedShare')}
              value={summary.data ? published : '—'}
              suffix={summary.data ? `/ ${summary.data.total}` : undefined}
            />
          </Card>
        </Col>
        <Col xs={24} md={16}>
          <Card size="small" data-testid="publication-chart">
            {summary.data ? (
              <Suspense fallback={<Skeleton active />}>
                <PublicationChart summary={summary.data} />
              </Suspense>
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
      </Row>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<PublicationStatus | undefined>
          allowClear
          placeholder={t('publication.filterStatus')}
          value={status}
          onChange={(value) => setStatus(value)}
          options={PUBLICATION_STATUSES.map((s) => ({ value: s, label: t(`publication.status.${s}`) }))}
          style={{ width: 220 }}
          aria-label={t('publication.filterStatus')}
          data-testid="publication-filter"
        />
        <Input.Search
          allowClear
          placeholder={t('publication.searchOrg')}
          onSearch={setQ}
          style={{ width: 280 }}
          aria-label={t('publication.searchOrg')}
        />
      </Space>
      <ServerTable<PublicationStatusRow>
        testId="publication-table"
        rowKey={(r) => r.organisation.id}
        list={list}
        pager={pager}
        columns={columns}
        emptyText={t('publication.noRows')}
      />
      <OrgDrawer organisationId={openOrg} manage={false} onClose={() => setOpenOrg(null)} onEdit={() => undefined} />
    </>
  );
}
