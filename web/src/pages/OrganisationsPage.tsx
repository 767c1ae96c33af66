import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Segmented, Select, Space, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMe, useOrganisations } from '../api/hooks';
import { ORG_KINDS, type Organisation, type OrganisationFilters } from '../api/types';
import { useCursorPager } from '../components/CursorPager';
import { ActiveTag, KindTag, kindLabel, orgName } from '../components/labels';
import { OrgRef } from '../components/OrgRef';
import { PageTitle } from '../components/PageTitle';
import { ServerTable } from '../components/ServerTable';
import { canManageOrganisations } from '../lib/access';
import { formatDate } from '../lib/dates';
import { useLocale } from '../lib/useLocale';
import { OrgDrawer } from './organisations/OrgDrawer';
import { OrgFormModal } from './organisations/OrgFormModal';
import { OrgTreeView, type TreeGrouping } from './organisations/OrgTreeView';

function readFilters(params: URLSearchParams): OrganisationFilters {
  const active = params.get('active');
  return {
    q: params.get('q') || undefined,
    kind: params.get('kind') || undefined,
    active: active === 'true' ? true : active === 'false' ? false : undefined,
  };
}

/**
 * Organisation list. `/registry` shows it read-only to everybody (contacts are editable
 * where allowed); `/admin/organisations` adds creating and editing organisations.
 */
export default function OrganisationsPage({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const view = params.get('view') === 'tree' ? 'tree' : 'list';
  const grouping: TreeGrouping = params.get('by') === 'parent' ? 'parent' : 'kind';
  const pager = useCursorPager(JSON.stringify(filters));
  const list = useOrganisations(filters, { cursor: pager.cursor, limit: pager.limit }, view === 'list');
  const openId = params.get('org');
  const [form, setForm] = useState<{ open: boolean; organisation: Organisation | null }>({
    open: false,
    organisation: null,
  });
  const mayManage = manage && canManageOrganisations(me);

  const setParam = (key: string, value: string | undefined) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: key !== 'org' },
    );
  };

  const columns: TableColumnsType<Organisation> = [
    {
      title: t('organisations.code'),
      dataIndex: 'code',
      width: 170,
      render: (code: string) => <Typography.Text strong>{code}</Typography.Text>,
    },
    {
      title: t('organisations.name'),
      key: 'name',
      render: (_, org) => (
        <div>
          <div>{orgName(org, locale)}</div>
          {org.shortName ? <Typography.Text type="secondary">{org.shortName}</Typography.Text> : null}
        </div>
      ),
    },
    {
      title: t('organisations.kind'),
      dataIndex: 'kind',
      width: 200,
      render: (kind: string) => <KindTag kind={kind} />,
    },
    {
      title: t('organisations.locality'),
      dataIndex: 'locality',
      width: 150,
      responsive: ['lg'],
      render: (value: string | null) => value ?? '—',
    },
    {
      title: t('organisations.active'),
      dataIndex: 'active',
      width: 140,
      render: (active: boolean) => <ActiveTag active={active} />,
    },
    {
      title: t('organisations.validity'),
      key: 'validity',
      width: 180,
      responsive: ['md'],
      render: (_, org) =>
        org.validTo || org.successorId ? (
          <Space orientation="vertical" size={0}>
            {org.validTo ? (
              <Typography.Text type="secondary">
                {t('organisations.until', { date: formatDate(org.validTo) })}
              </Typography.Text>
            ) : null}
            {org.successorId ? (
              <span>
                → <OrgRef id={org.successorId} />
              </span>
            ) : null}
          </Space>
        ) : org.validFrom ? (
          <Typography.Text type="secondary">
            {t('organisations.since', { date: formatDate(org.validFrom) })}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];
  if (mayManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, org) => (
        <Button
          size="small"
          icon={<EditOutlined />}
          data-testid="org-row-edit"
          onClick={(event) => {
            event.stopPropagation();
            setForm({ open: true, organisation: org });
          }}
        >
          {t('common.edit')}
        </Button>
      ),
    });
  }

  return (
    <div>
      <PageTitle
        title={manage ? t('organisations.adminTitle') : t('organisations.registryTitle')}
        description={manage ? undefined : t('areas.registry')}
        extra={
          mayManage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setForm({ open: true, organisation: null })}
              data-testid="org-create"
            >
              {t('organisations.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Segmented<'list' | 'tree'>
          value={view}
          onChange={(value) => setParam('view', value === 'tree' ? 'tree' : undefined)}
          options={[
            { value: 'list', label: t('organisations.tree.viewList') },
            { value: 'tree', label: t('organisations.tree.viewTree') },
          ]}
          style={{ marginBottom: 12 }}
          data-testid="org-view"
        />
        {view === 'tree' ? (
          <OrgTreeView
            grouping={grouping}
            onGroupingChange={(value) => setParam('by', value === 'parent' ? 'parent' : undefined)}
            onOpen={(id) => setParam('org', id)}
          />
        ) : (
          <>
            <Flex gap={8} wrap className="filters">
              <Input.Search
                key={filters.q ?? ''}
                defaultValue={filters.q}
                placeholder={t('organisations.searchPlaceholder')}
                allowClear
                onSearch={(value) => setParam('q', value.trim() || undefined)}
                style={{ width: 320, maxWidth: '100%' }}
                data-testid="org-filter-q"
              />
              <Select<string>
                allowClear
                placeholder={t('organisations.kindFilter')}
                value={filters.kind}
                onChange={(value) => setParam('kind', value ?? undefined)}
                options={ORG_KINDS.map((kind) => ({ value: kind, label: kindLabel(t, kind) }))}
                style={{ width: 260, maxWidth: '100%' }}
                data-testid="org-filter-kind"
              />
              <Select<string>
                value={filters.active === undefined ? 'all' : String(filters.active)}
                onChange={(value) => setParam('active', value === 'all' ? undefined : value)}
                options={[
                  { value: 'all', label: `${t('organisations.activeFilter')}: ${t('common.all')}` },
                  { value: 'true', label: t('common.active') },
                  { value: 'false', label: t('common.inactive') },
                ]}
                style={{ width: 220, maxWidth: '100%' }}
                data-testid="org-filter-active"
              />
            </Flex>
            <ServerTable<Organisation>
              testId="org-table"
              list={list}
              pager={pager}
              emptyText={t('organisations.empty')}
              columns={columns}
              onRow={(org) => ({
                onClick: () => setParam('org', org.id),
                className: 'clickable-row',
                'data-testid': `org-row-${org.code}`,
              })}
            />
          </>
        )}
      </Card>
      <OrgDrawer
        organisationId={openId}
        manage={manage}
        onClose={() => setParam('org', undefined)}
        onEdit={(organisation) => setForm({ open: true, organisation })}
      />
      <OrgFormModal
        open={form.open}
        organisation={form.organisation}
        onClose={(saved) => {
          setForm({ open: false, organisation: null });
          if (saved && !form.organisation) setParam('org', saved.id);
        }}
      />
    </div>
  );
}
