import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  List,
  Select,
  Space,
  Spin,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { SEVERITIES, TLP_LEVELS } from '../../../../../src/shared/vocabulary';
import { useIncidentTypeOptions, useReport, useReports, useSimilar, useTriageReport } from '../../../api/intake-hooks';
import type { ReportDetail, ReportSummary, Severity, Tlp, TriageInput } from '../../../api/intake-types';
import { useCursorPager } from '../../../components/CursorPager';
import { PageTitle } from '../../../components/PageTitle';
import { ServerTable } from '../../../components/ServerTable';
import { formatDateTime } from '../../../lib/dates';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useLocale } from '../../../lib/useLocale';
import { ReportSiemAlerts } from '../../intake-siem/ReportSiemAlerts';
import { EmailThread } from './EmailThread';
import { ReportExtraFacts } from './ReportExtraFacts';

const FILTERS = { status: 'new' as const };

function ReportFacts({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  return (
    <>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('intake.list.trackingNo')}>
          <code>{report.trackingNo}</code> <Tag>TLP:{report.tlp.toUpperCase()}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('intake.triage.reporter')}>
          {report.reporter.name}
          {report.contact.name ? ` — ${report.contact.name}` : ''}
          {report.contact.email ? ` <${report.contact.email}>` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('intake.triage.system')}>{report.system.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('intake.triage.detected')}>
          {formatDateTime(report.detectedAt)} · {t(`intake.detection.${report.detectionMethod}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('intake.list.received')}>{formatDateTime(report.receivedAt)}</Descriptions.Item>
      </Descriptions>
      <ReportExtraFacts extra={report.extra} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {report.title}
      </Typography.Title>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', maxHeight: 240, overflow: 'auto' }}>
        {report.description}
      </Typography.Paragraph>
      <Typography.Text strong>{t('intake.triage.observables', { count: report.observableCount })}</Typography.Text>
      {report.observablesTruncated ? (
        <Alert type="warning" showIcon message={t('intake.triage.observablesTruncated')} style={{ margin: '8px 0' }} />
      ) : null}
      <div style={{ maxHeight: 140, overflow: 'auto', margin: '8px 0' }}>
        <Space size={[4, 4]} wrap>
          {report.observables.slice(0, 200).map((o) => (
            <Tag key={`${o.type}:${o.value}`}>
              {o.type}: {o.value}
            </Tag>
          ))}
        </Space>
      </div>
      <EmailThread reportId={report.id} source={report.source} />
      <ReportSiemAlerts reportId={report.id} source={report.source} />
      {report.files.length > 0 ? (
        <>
          <Typography.Text strong>{t('intake.triage.files')}</Typography.Text>
          <ul>
            {report.files.map((f) => (
              <li key={f.id}>
                <a href={`/api/files/${f.id}/content?audit=1`} download>
                  {f.name}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

function SimilarList({ reportId, onPick }: { reportId: string; onPick: (incidentId: string) => void }) {
  const { t } = useTranslation();
  const similar = useSimilar(reportId);
  if (similar.isLoading) return <Spin />;
  const items = [
    ...(similar.data?.incidents ?? []).map((i) => ({
      key: i.id,
      incident: true,
      label: `${i.number} — ${i.title}`,
      shared: i.shared,
    })),
    ...(similar.data?.reports ?? []).map((r) => ({
      key: r.id,
      incident: false,
      label: `${r.trackingNo} — ${r.title}`,
      shared: r.shared,
    })),
  ];
  if (items.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('intake.triage.similarNone')} />;
  return (
    <List
      size="small"
      dataSource={items}
      renderItem={(i) => (
        <List.Item
          actions={
            i.incident
              ? [
                  <Button key="use" size="small" type="link" onClick={() => onPick(i.key)}>
                    {t('intake.triage.attach')}
                  </Button>,
                ]
              : []
          }
        >
          <Space>
            {i.incident ? <Link to={`/incidents/${i.key}`}>{i.label}</Link> : <span>{i.label}</span>}
            <Tag>{t('intake.triage.shared', { count: i.shared })}</Tag>
          </Space>
        </List.Item>
      )}
    />
  );
}

function TriageActions({ report, onDone }: { report: ReportDetail; onDone: (incidentId: string | null) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const types = useIncidentTypeOptions();
  const triage = useTriageReport();
  const [tab, setTab] = useState('open');
  const [attachForm] = Form.useForm<{ incidentId: string }>();

  const run = async (input: TriageInput) => {
    try {
      const out = await triage.mutateAsync({ id: report.id, input });
      notifySuccess(t('intake.triage.done', { trackingNo: report.trackingNo }));
      onDone(input.action === 'open' ? (out.incident?.id ?? null) : null);
    } catch (err) {
      notifyError(err);
    }
  };

  const pick = (incidentId: string) => {
    setTab('attach');
    attachForm.setFieldsValue({ incidentId });
  };

  return (
    <>
      <Typography.Title level={5}>{t('intake.triage.similar')}</Typography.Title>
      <SimilarList reportId={report.id} onPick={pick} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'open',
            label: t('intake.triage.open'),
            children: (
              <Form
                layout="vertical"
                initialValues={{ severity: 'medium', tlp: report.tlp }}
                onFinish={(v: { typeCode: string; severity: Severity; tlp: Tlp }) =>
                  run({ action: 'open', typeCode: v.typeCode, severity: v.severity, tlp: v.tlp })
                }
              >
                <Form.Item
                  name="typeCode"
                  label={t('intake.triage.type')}
                  rules={[{ required: true, message: t('intake.triage.typeRequired') }]}
                >
                  <Select
                    showSearch
                    optionFilterProp="label"
                    data-testid="triage-type"
                    options={(types.data?.items ?? [])
                      .filter((x) => x.active)
                      .map((x) => ({ value: x.code, label: locale === 'en' ? x.nameEn : x.nameVi }))}
                  />
                </Form.Item>
                <Form.Item name="severity" label={t('intake.triage.severity')}>
                  <Select options={SEVERITIES.map((s) => ({ value: s, label: t(`intake.severity.${s}`) }))} />
                </Form.Item>
                <Form.Item name="tlp" label="TLP">
                  <Select options={TLP_LEVELS.map((l) => ({ value: l, label: `TLP:${l.toUpperCase()}` }))} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={triage.isPending} data-testid="triage-open">
                  {t('intake.triage.open')}
                </Button>
              </Form>
            ),
          },
          {
            key: 'attach',
            label: t('intake.triage.attach'),
            children: (
              <Form
                form={attachForm}
                layout="vertical"
                onFinish={(v) => run({ action: 'attach', incidentId: v.incidentId.trim() })}
              >
                <Form.Item
                  name="incidentId"
                  label={t('intake.triage.incidentId')}
                  extra={t('intake.triage.incidentIdHelp')}
                  rules={[{ required: true, whitespace: true, message: t('intake.triage.incidentRequired') }]}
                >
                  <Input />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={triage.isPending}>
                  {t('intake.triage.attach')}
                </Button>
              </Form>
            ),
          },
          {
            key: 'dismiss',
            label: t('intake.triage.dismiss'),
            children: (
              <Form
                layout="vertical"
                initialValues={{ outcome: 'not-incident' }}
                onFinish={(v: { outcome: 'duplicate' | 'spam' | 'not-incident'; reason: string }) =>
                  run({ action: 'dismiss', outcome: v.outcome, reason: v.reason.trim() })
                }
              >
                <Form.Item name="outcome" label={t('intake.triage.outcome')}>
                  <Select
                    options={(['duplicate', 'spam', 'not-incident'] as const).map((o) => ({
                      value: o,
                      label: t(`intake.status.${o}`),
                    }))}
                  />
                </Form.Item>
                <Form.Item
                  name="reason"
                  label={t('intake.triage.reason')}
                  rules={[{ required: true, whitespace: true, message: t('intake.triage.reasonRequired') }]}
                >
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
                <Button danger htmlType="submit" loading={triage.isPending}>
                  {t('intake.triage.dismiss')}
                </Button>
              </Form>
            ),
          },
        ]}
      />
    </>
  );
}

/** The IR team's queue of new reports: review one in a drawer, then open, attach or dismiss it. */
export default function TriagePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const pager = useCursorPager('new');
  const list = useReports(FILTERS, { cursor: pager.cursor, limit: pager.limit });
  const [selected, setSelected] = useState<string | undefined>();
  const report = useReport(selected);

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
      key: 'review',
      render: (_: unknown, r) => (
        <Button size="small" onClick={() => setSelected(r.id)} data-testid={`triage-review-${r.trackingNo}`}>
          {t('intake.triage.review')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageTitle title={t('intake.triage.title')} description={t('intake.triage.intro')} />
      <ServerTable<ReportSummary>
        testId="triage-table"
        list={list}
        pager={pager}
        emptyText={t('intake.triage.empty')}
        columns={columns}
      />
      <Drawer
        open={Boolean(selected)}
        onClose={() => setSelected(undefined)}
        size="large"
        title={report.data ? `${report.data.trackingNo} — ${report.data.title}` : t('intake.triage.review')}
        destroyOnHidden
      >
        {report.data ? (
          <div data-testid="triage-drawer">
            <ReportFacts report={report.data} />
            <TriageActions
              report={report.data}
              onDone={(incidentId) => {
                setSelected(undefined);
                if (incidentId) navigate(`/incidents/${incidentId}`);
              }}
            />
          </div>
        ) : (
          <Spin />
        )}
      </Drawer>
    </>
  );
}
