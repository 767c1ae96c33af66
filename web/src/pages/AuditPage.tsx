import { CheckCircleOutlined, DownloadOutlined, FilterOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Row,
  Skeleton,
  Space,
  Statistic,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { auditExportUrl } from '../api/client';
import { useAudit, useAuditStatus } from '../api/hooks';
import type { AuditEntry, AuditFilters } from '../api/types';
import { useCursorPager } from '../components/CursorPager';
import { OrgRef } from '../components/OrgRef';
import { PageTitle } from '../components/PageTitle';
import { ServerTable } from '../components/ServerTable';
import { DATE_FORMAT, dayjs, endOfDayIso, formatDateTime, startOfDayIso } from '../lib/dates';
import { errorText } from '../lib/notify';
import { DiffView } from './audit/DiffView';

const TEXT_FILTERS = ['actor', 'action', 'subjectType', 'subjectId'] as const;
type TextFilter = (typeof TEXT_FILTERS)[number];

interface FilterForm {
  actor?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function parseDay(value: string | null): Dayjs | null {
  if (!value) return null;
  const parsed = dayjs(value, 'YYYY-MM-DD', true);
  return parsed.isValid() ? parsed : null;
}

/** The URL keeps calendar days (`fromDate`, `toDate`); the API gets timestamps in Vietnam time. */
function readFilters(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const key of TEXT_FILTERS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const from = parseDay(params.get('fromDate'));
  const to = parseDay(params.get('toDate'));
  if (from) filters.from = startOfDayIso(from);
  if (to) filters.to = endOfDayIso(to);
  return filters;
}

function StatusCard() {
  const { t } = useTranslation();
  const status = useAuditStatus();
  return (
    <Card
      title={t('audit.statusTitle')}
      size="small"
      data-testid="audit-status"
      extra={
        <Button
          size="small"
          type="text"
          icon={<ReloadOutlined />}
          onClick={() => void status.refetch()}
          loading={status.isFetching}
          aria-label={t('common.refresh')}
        />
      }
      style={{ marginBottom: 16 }}
    >
      {status.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : status.isError ? (
        <Alert type="warning" showIcon title={t('errors.loadFailed')} description={errorText(status.error)} />
      ) : (
        <Row gutter={[16, 16]} align="middle">
          <Col xs={12} md={4}>
            <Statistic title={t('audit.sealed')} value={status.data.sealed} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('audit.unsealed')} value={status.data.unsealed} />
          </Col>
          <Col xs={24} md={16}>
            {status.data.ok ? (
              <Alert
                type="success"
                showIcon
                icon={<CheckCircleOutlined />}
                title={t('audit.chainOk')}
                data-testid="audit-chain-ok"
              />
            ) : (
              <Alert
                type="error"
                showIcon
                title={t('audit.chainBroken')}
                description={
                  status.data.firstBroken
                    ? t('audit.chainBrokenDetail', { seq: status.data.firstBroken.seq, id: status.data.firstBroken.id })
                    : undefined
                }
                data-testid="audit-chain-broken"
              />
            )}
          </Col>
        </Row>
      )}
    </Card>
  );
}

export default function AuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const pager = useCursorPager(JSON.stringify(filters));
  const list = useAudit(filters, { cursor: pager.cursor, limit: pager.limit });
  const [form] = Form.useForm<FilterForm>();

  // Keep the form in step with the URL (back/forward, links).
  useEffect(() => {
    const values: FilterForm = {};
    for (const key of TEXT_FILTERS) values[key] = params.get(key) ?? '';
    const from = parseDay(params.get('fromDate'));
    const to = parseDay(params.get('toDate'));
    values.range = from || to ? [from, to] : null;
    form.setFieldsValue(values);
  }, [params, form]);

  const apply = (values: FilterForm) => {
    const next = new URLSearchParams();
    for (const key of TEXT_FILTERS) {
      const value = values[key as TextFilter]?.trim();
      if (value) next.set(key, value);
    }
    const [from, to] = values.range ?? [null, null];
    if (from) next.set('fromDate', from.format('YYYY-MM-DD'));
    if (to) next.set('toDate', to.format('YYYY-MM-DD'));
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<AuditEntry> = [
    {
      title: t('audit.time'),
      dataIndex: 'createdAt',
      width: 150,
      render: (value: string, entry) => (
        <div>
          <div>{formatDateTime(value)}</div>
          {entry.seq !== null ? <Typography.Text type="secondary">#{entry.seq}</Typography.Text> : null}
        </div>
      ),
    },
    { title: t('audit.actor'), dataIndex: 'actor', width: 160 },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (action: string) => <Tag className="code-tag">{action}</Tag>,
    },
    {
      title: t('audit.subject'),
      key: 'subject',
      render: (_, entry) => (
        <div>
          <div>{entry.subjectType}</div>
          {entry.subjectId ? (
            <Typography.Text type="secondary" copyable={{ text: entry.subjectId }} className="mono">
              {entry.subjectId.length > 13 ? `${entry.subjectId.slice(0, 13)}…` : entry.subjectId}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    {
      title: t('audit.organisation'),
      dataIndex: 'organisationId',
      width: 140,
      render: (orgId: string | null) => <OrgRef id={orgId} />,
    },
    {
      title: t('audit.ip'),
      dataIndex: 'ip',
      width: 130,
      responsive: ['lg'],
      render: (ip: string | null) => (ip ? <span className="mono">{ip}</span> : '—'),
    },
    {
      title: t('audit.requestId'),
      dataIndex: 'requestId',
      width: 150,
      responsive: ['xl'],
      render: (requestId: string | null) =>
        requestId ? (
          <Typography.Text type="secondary" copyable={{ text: requestId }} className="mono">
            {requestId.length > 13 ? `${requestId.slice(0, 13)}…` : requestId}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <div>
      <PageTitle
        title={t('audit.title')}
        extra={
          <Button icon={<DownloadOutlined />} href={auditExportUrl(filters)} download data-testid="audit-export">
            {t('audit.export')}
          </Button>
        }
      />
      <StatusCard />
      <Card>
        <Form<FilterForm> form={form} layout="inline" onFinish={apply} className="filters audit-filters">
          <Form.Item name="actor">
            <Input placeholder={t('audit.actor')} allowClear data-testid="audit-filter-actor" />
          </Form.Item>
          <Form.Item name="action">
            <Input placeholder={t('audit.action')} allowClear data-testid="audit-filter-action" />
          </Form.Item>
          <Form.Item name="subjectType">
            <Input placeholder={t('audit.subjectType')} allowClear data-testid="audit-filter-subjectType" />
          </Form.Item>
          <Form.Item name="subjectId">
            <Input placeholder={t('audit.subjectId')} allowClear data-testid="audit-filter-subjectId" />
          </Form.Item>
          <Form.Item name="range">
            <DatePicker.RangePicker
              format={DATE_FORMAT}
              allowEmpty={[true, true]}
              placeholder={[t('audit.from'), t('audit.to')]}
              data-testid="audit-filter-range"
            />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<FilterOutlined />} data-testid="audit-filter-apply">
                {t('common.filter')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setParams(new URLSearchParams(), { replace: true });
                }}
              >
                {t('common.clearFilters')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
        <ServerTable<AuditEntry>
          testId="audit-table"
          list={list}
          pager={pager}
          emptyText={t('audit.empty')}
          columns={columns}
          expandable={{
            expandedRowRender: (entry) => <DiffView diff={entry.diff} />,
            rowExpandable: () => true,
          }}
        />
      </Card>
    </div>
  );
}
