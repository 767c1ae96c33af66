import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, type TableColumnsType, Tag } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { REPORT_STATUSES } from '../../../../../src/shared/vocabulary';
import { useMe } from '../../../api/hooks';
import { useReports } from '../../../api/intake-hooks';
import type { ReportFilters, ReportStatus, ReportSummary } from '../../../api/intake-types';
import { useCursorPager } from '../../../components/CursorPager';
import { PageTitle } from '../../../components/PageTitle';
import { ServerTable } from '../../../components/ServerTable';
import { hasRole } from '../../../lib/access';
import { formatDateTime } from '../../../lib/dates';

const STATUS_COLOR: Record<ReportStatus, string> = {
  new: 'blue',
  logged: 'default',
  accepted: 'green',
  duplicate: 'default',
  spam: 'default',
  'not-incident': 'default',
};

function ReportStatusTag({ status }: { status: ReportStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`intake.status.${status}`)}</Tag>;
}

function readFilters(params: URLSearchParams): ReportFilters {
  const f: ReportFilters = {};
  const q = params.get('q');
  if (q) f.q = q;
  const status = params.get('status');
  if (status && (REPORT_STATUSES as readonly string[]).includes(status)) f.status = status as ReportStatus;
  return f;
}

/** Reports the user may see (IR team: all; others: their organisation's), newest first. */
export default function ReportsListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const pager = useCursorPager(JSON.stringify(filters));
  const list = useReports(filters, { cursor: pager.cursor, limit: pager.limit });
  const [form] = Form.useForm<{ q?: string; status?: ReportStatus | null }>();

  useEffect(() => form.setFieldsValue({ q: filters.q ?? '', status: filters.status ?? null }), [filters, form]);

  const apply = (values: { q?: string; status?: ReportStatus | null }) => {
    const next = new URLSearchParams();
    if (values.q?.trim()) next.set('q', values.q.trim());
    if (values.status) next.set('status', values.status);
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<ReportSummary> = [
    { title: t('intake.list.trackingNo'), dataIndex: 'trackingNo', render: (v: string) => <code>{v}</code> },
    {
      title: t('intake.list.titleColumn'),
      dataIndex: 'title',
      render: (v: string) => <div style={{ maxWidth: 420 }}>{v}</div>,
    },
    { title: t('intake.list.organisation'), key: 'org', render: (_: unknown, r) => r.organisation?.name ?? '—' },
    { title: t('intake.list.received'), dataIndex: 'receivedAt', render: (v: string) => formatDateTime(v) },
    {
      title: t('intake.list.status'),
      dataIndex: 'status',
      render: (s: ReportStatus) => <ReportStatusTag status={s} />,
    },
    {
      title: t('intake.list.incident'),
      key: 'incident',
      render: (_: unknown, r) =>
        r.incident ? <Link to={`/incidents/${r.incident.id}`}>{r.incident.number}</Link> : '—',
    },
  ];

  return (
    <>
      <PageTitle
        title={t('intake.list.title')}
        extra={
          hasRole(me.data, 'viewer') && me.data?.roles.length === 1 ? null : (
            <Link to="/incidents/report">
              <Button type="primary" icon={<PlusOutlined />}>
                {t('intake.list.new')}
              </Button>
            </Link>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form form={form} layout="inline" onFinish={apply}>
          <Form.Item name="q">
            <Input.Search
              placeholder={t('intake.list.searchPlaceholder')}
              allowClear
              onSearch={() => form.submit()}
              style={{ width: 280 }}
            />
          </Form.Item>
          <Form.Item name="status">
            <Select
              allowClear
              placeholder={t('intake.list.allStatuses')}
              style={{ width: 200 }}
              onChange={() => form.submit()}
              options={REPORT_STATUSES.map((s) => ({ value: s, label: t(`intake.status.${s}`) }))}
            />
          </Form.Item>
        </Form>
      </Card>
      <ServerTable<ReportSummary>
        testId="reports-table"
        list={list}
        pager={pager}
        emptyText={t('intake.list.empty')}
        columns={columns}
      />
    </>
  );
}
