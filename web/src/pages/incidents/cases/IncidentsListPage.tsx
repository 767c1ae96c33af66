import { DownloadOutlined, FilterOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, Select, Space, type TableColumnsType, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { INCIDENT_STATUSES, SEVERITIES, TLP_LEVELS } from '../../../../../src/shared/vocabulary';
import { exportUrl } from '../../../api/cases-client';
import { useIncidents, useIncidentTypes, useSavedViews, useSaveView } from '../../../api/cases-hooks';
import type { IncidentFilters, IncidentRow } from '../../../api/cases-types';
import { isApiError } from '../../../api/client';
import { useMe } from '../../../api/hooks';
import { useCursorPager } from '../../../components/CursorPager';
import { OrgSelect } from '../../../components/OrgSelect';
import { PageTitle } from '../../../components/PageTitle';
import { ServerTable } from '../../../components/ServerTable';
import { hasRole } from '../../../lib/access';
import { formatDateTime, toCalendarDate } from '../../../lib/dates';
import { useLocale } from '../../../lib/useLocale';
import { SeverityTag, StatusTag, TlpTag } from './caseLabels';
import { NewIncidentModal } from './NewIncidentModal';

const LIST_KEYS = ['status', 'typeCode', 'severity', 'tlp'] as const;
const ONE_KEYS = ['organisationId', 'systemId', 'assigneeUserId', 'from', 'to', 'q'] as const;

/** Filters live in the URL (comma lists) so a filtered list can be linked and saved. */
function readFilters(params: URLSearchParams): IncidentFilters {
  const f: Record<string, unknown> = {};
  for (const key of LIST_KEYS) {
    const v = params.get(key);
    if (v) f[key] = v.split(',').filter(Boolean);
  }
  for (const key of ONE_KEYS) {
    const v = params.get(key);
    if (v) f[key] = v;
  }
  return f as IncidentFilters;
}

function toParams(f: IncidentFilters): URLSearchParams {
  const next = new URLSearchParams();
  for (const [key, value] of Object.entries(f)) {
    if (Array.isArray(value) && value.length > 0) next.set(key, value.join(','));
    else if (typeof value === 'string' && value) next.set(key, value);
  }
  return next;
}

type FilterForm = Omit<IncidentFilters, 'from' | 'to'> & { range?: [Dayjs | null, Dayjs | null] | null };

export default function IncidentsListPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = useLocale();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const pager = useCursorPager(JSON.stringify(filters));
  const list = useIncidents(filters, { cursor: pager.cursor, limit: pager.limit });
  const types = useIncidentTypes();
  const views = useSavedViews();
  const saveView = useSaveView();
  const [viewName, setViewName] = useState('');
  const [creating, setCreating] = useState(false);
  const me = useMe();
  const irTeam = hasRole(me.data, 'admin', 'coordinator', 'responder');
  const onError = (err: unknown) => message.error(isApiError(err) ? err.message : String(err));
  const [form] = Form.useForm<FilterForm>();

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue({ ...filters, range: null });
  }, [filters, form]);

  const apply = (values: FilterForm) => {
    const { range, ...rest } = values;
    const from = range?.[0] ? toCalendarDate(range[0]) : null;
    const to = range?.[1] ? toCalendarDate(range[1]) : null;
    setParams(toParams({ ...rest, ...(from ? { from } : {}), ...(to ? { to } : {}) } as IncidentFilters), {
      replace: true,
    });
  };

  const save = async () => {
    if (!viewName.trim()) return;
    try {
      await saveView.mutateAsync({ name: viewName.trim(), filters });
      setViewName('');
      message.success(t('cases.list.viewSaved'));
    } catch (err) {
      message.error(isApiError(err) ? err.message : String(err));
    }
  };

  const columns: TableColumnsType<IncidentRow> = [
    {
      title: t('cases.fields.number'),
      dataIndex: 'number',
      render: (n: string, r) => (
        <Link to={`/incidents/${r.id}`} data-testid={`incident-link-${r.number}`}>
          {n}
        </Link>
      ),
    },
    {
      title: t('cases.fields.title'),
      dataIndex: 'title',
      render: (title: string, r) => (
        <div style={{ maxWidth: 380 }}>
          <div>{title}</div>
          {r.serious === 'serious' ? <Tag color="red">{t('cases.serious.serious')}</Tag> : null}
        </div>
      ),
    },
    {
      title: t('cases.fields.type'),
      key: 'type',
      render: (_: unknown, r) => (locale === 'en' ? r.typeNameEn : r.typeNameVi),
    },
    {
      title: t('cases.fields.severity'),
      dataIndex: 'severity',
      render: (_: unknown, r) => <SeverityTag severity={r.severity} />,
    },
    {
      title: t('cases.fields.status'),
      dataIndex: 'status',
      render: (_: unknown, r) => <StatusTag status={r.status} />,
    },
    { title: 'TLP', dataIndex: 'tlp', render: (_: unknown, r) => <TlpTag tlp={r.tlp} /> },
    { title: t('cases.fields.organisation'), dataIndex: 'organisationName' },
    { title: t('cases.fields.lead'), dataIndex: 'leadName', render: (v: string | null) => v ?? '—' },
    { title: t('cases.fields.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
  ];

  const multi = (
    name: keyof FilterForm,
    placeholder: string,
    options: { value: string; label: string }[],
    width = 180,
  ) => (
    <Form.Item name={name}>
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={placeholder}
        style={{ width }}
        options={options}
        data-testid={`incidents-filter-${name}`}
      />
    </Form.Item>
  );

  return (
    <>
      <PageTitle
        title={t('cases.list.title')}
        extra={
          <Space wrap>
            {irTeam ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="incident-new"
              >
                {t('cases.list.new')}
              </Button>
            ) : null}
            <Select
              allowClear
              placeholder={t('cases.list.views')}
              style={{ width: 200 }}
              data-testid="incident-views"
              options={(views.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }))}
              onChange={(viewId?: string) => {
                const v = views.data?.items.find((x) => x.id === viewId);
                setParams(v ? toParams(v.filters) : new URLSearchParams(), { replace: true });
              }}
            />
            <Space.Compact>
              <Input
                placeholder={t('cases.list.viewName')}
                value={viewName}
                onChange={(e) => setViewName(e.target.value)}
                style={{ width: 160 }}
                data-testid="incident-view-name"
              />
              <Button
                icon={<SaveOutlined />}
                onClick={save}
                loading={saveView.isPending}
                data-testid="incident-view-save"
              >
                {t('cases.list.saveView')}
              </Button>
            </Space.Compact>
            <Button icon={<DownloadOutlined />} href={exportUrl(filters, 'csv')} data-testid="incidents-export-csv">
              CSV
            </Button>
            <Button icon={<DownloadOutlined />} href={exportUrl(filters, 'xlsx')} data-testid="incidents-export-xlsx">
              XLSX
            </Button>
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form form={form} layout="inline" onFinish={apply} data-testid="incidents-filters">
          <Form.Item name="q">
            <Input.Search
              placeholder={t('cases.list.search')}
              allowClear
              onSearch={() => form.submit()}
              style={{ width: 240 }}
              data-testid="incidents-search"
            />
          </Form.Item>
          {multi(
            'status',
            t('cases.fields.status'),
            INCIDENT_STATUSES.map((s) => ({ value: s, label: t(`cases.status.${s}`) })),
          )}
          {multi(
            'severity',
            t('cases.fields.severity'),
            SEVERITIES.map((s) => ({ value: s, label: t(`cases.severity.${s}`) })),
            160,
          )}
          {multi(
            'typeCode',
            t('cases.fields.type'),
            (types.data?.items ?? []).map((x) => ({ value: x.code, label: locale === 'en' ? x.nameEn : x.nameVi })),
            220,
          )}
          {multi(
            'tlp',
            'TLP',
            TLP_LEVELS.map((l) => ({ value: l, label: `TLP:${l.toUpperCase()}` })),
            150,
          )}
          <Form.Item name="organisationId">
            <OrgSelect placeholder={t('cases.fields.organisation')} />
          </Form.Item>
          <Form.Item name="range">
            <DatePicker.RangePicker format="DD/MM/YYYY" placeholder={[t('cases.list.from'), t('cases.list.to')]} />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" icon={<FilterOutlined />} data-testid="incidents-apply">
              {t('cases.list.filter')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <ServerTable<IncidentRow>
        testId="incidents-table"
        list={list}
        pager={pager}
        columns={columns}
        emptyText={t('cases.list.empty')}
      />
      {creating ? <NewIncidentModal onClose={() => setCreating(false)} onError={onError} /> : null}
    </>
  );
}
