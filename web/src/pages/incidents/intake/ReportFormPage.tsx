import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Form, Input, Radio, Result, Row, Select, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DETECTION_METHODS, HANDLING_STATES, NOTIFIED_PARTIES, TLP_LEVELS } from '../../../../../src/shared/vocabulary';
import { useSubmitReport } from '../../../api/intake-hooks';
import type {
  DetectionMethod,
  HandlingState,
  NotifiedParty,
  ReportExtra,
  ReportInput,
  SubmitResult,
  Tlp,
} from '../../../api/intake-types';
import { useSystems } from '../../../api/systems-hooks';
import { PageTitle } from '../../../components/PageTitle';
import { DATE_TIME_FORMAT, isoToWallClock, wallClockIso } from '../../../lib/dates';
import { notifyError } from '../../../lib/notify';

type Block = { name?: string; address?: string; title?: string; phone?: string; email?: string };
type Values = {
  reporter?: Block;
  contact?: Block;
  systemId?: string | null;
  systemName?: string;
  operatorName?: string;
  ownerName?: string;
  title: string;
  description: string;
  detectedAt: Dayjs;
  occurredAt?: Dayjs | null;
  detectionMethod: DetectionMethod;
  detectionDetail?: string;
  handlingState: HandlingState;
  handlingResult?: string;
  notifiedParties?: NotifiedParty[];
  requests?: string;
  confidential?: boolean;
  tlp: Tlp;
  extra?: {
    operatingSystem?: string;
    commonServices?: string[];
    services?: string;
    measures?: Measure[];
    otherMeasure?: string;
    publicIps?: string;
    domains?: string;
    systemPurpose?: string;
    securityProvider?: string;
    connectivityProvider?: string;
  };
};

/** Mẫu 03: the usual services and security measures are ticked, anything else is written in. */
const COMMON_SERVICES = ['Web', 'Mail', 'Database'] as const;
const MEASURES = ['antivirus', 'firewall', 'ids'] as const;
type Measure = (typeof MEASURES)[number];

const text = (v: string | undefined | null) => (v?.trim() ? v.trim() : undefined);
const lines = (v: string | undefined) =>
  (v ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
const block = (b: Block | undefined) => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(b ?? {})) {
    const t = text(v);
    if (t) out[k] = t;
  }
  return out;
};

function securityMeasures(extra: Values['extra']): ReportExtra['securityMeasures'] {
  const ticked = extra?.measures ?? [];
  const other = text(extra?.otherMeasure) ?? null;
  if (ticked.length === 0 && !other) return null;
  return {
    antivirus: ticked.includes('antivirus'),
    firewall: ticked.includes('firewall'),
    ids: ticked.includes('ids'),
    other,
  };
}

function toInput(v: Values): ReportInput {
  return {
    title: v.title.trim(),
    description: v.description,
    systemId: v.systemId ?? null,
    systemName: text(v.systemName),
    operatorName: text(v.operatorName),
    ownerName: text(v.ownerName),
    detectedAt: wallClockIso(v.detectedAt),
    occurredAt: v.occurredAt ? wallClockIso(v.occurredAt) : null,
    detectionMethod: v.detectionMethod,
    detectionDetail: text(v.detectionDetail),
    handlingState: v.handlingState,
    handlingResult: text(v.handlingResult),
    notifiedParties: v.notifiedParties ?? [],
    requests: text(v.requests),
    confidential: v.confidential ?? false,
    tlp: v.tlp,
    reporter: block(v.reporter),
    contact: block(v.contact),
    extra: {
      operatingSystem: text(v.extra?.operatingSystem),
      services: [...new Set([...(v.extra?.commonServices ?? []), ...lines(v.extra?.services)])],
      securityMeasures: securityMeasures(v.extra),
      publicIps: lines(v.extra?.publicIps),
      domains: lines(v.extra?.domains),
      systemPurpose: text(v.extra?.systemPurpose),
      securityProvider: text(v.extra?.securityProvider),
      connectivityProvider: text(v.extra?.connectivityProvider),
    },
  };
}

/** The member's incident report (Mẫu 03), then the tracking number on screen. */
export default function ReportFormPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<File[]>([]);
  const [sent, setSent] = useState<SubmitResult | null>(null);
  const submit = useSubmitReport();
  const systems = useSystems({}, { cursor: null, limit: 100 });

  const onFinish = async (values: Values) => {
    try {
      setSent(await submit.mutateAsync({ input: toInput(values), files }));
      window.scrollTo(0, 0);
    } catch (err) {
      notifyError(err);
    }
  };

  if (sent)
    return (
      <Result
        status="success"
        title={t('intake.form.sentTitle')}
        subTitle={
          <span data-testid="report-tracking-no">{t('intake.form.sentSubtitle', { trackingNo: sent.trackingNo })}</span>
        }
        extra={[
          <Button
            key="again"
            type="primary"
            onClick={() => {
              form.resetFields();
              setFiles([]);
              setSent(null);
            }}
          >
            {t('intake.form.another')}
          </Button>,
          <Link key="list" to="/incidents/reports">
            <Button>{t('intake.form.toList')}</Button>
          </Link>,
        ]}
      >
        {sent.observablesTruncated ? <Alert type="warning" showIcon message={t('intake.form.truncated')} /> : null}
      </Result>
    );

  const half = { xs: 24, md: 12 };
  return (
    <>
      <PageTitle title={t('intake.form.title')} description={t('intake.form.intro')} />
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        data-testid="report-form"
        initialValues={{
          detectedAt: isoToWallClock(new Date().toISOString()),
          detectionMethod: 'other',
          handlingState: 'not-yet',
          tlp: 'amber',
          notifiedParties: [],
        }}
      >
        <Card size="small" title={t('intake.form.sections.reporter')} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item
                name={['reporter', 'name']}
                label={t('intake.form.reporterName')}
                extra={t('intake.form.reporterNameHelp')}
              >
                <Input maxLength={300} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name={['reporter', 'address']} label={t('intake.form.address')}>
                <Input maxLength={500} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name={['reporter', 'phone']} label={t('intake.form.phone')}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name={['reporter', 'email']} label={t('intake.form.email')} rules={[{ type: 'email' }]}>
                <Input maxLength={254} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title={t('intake.form.sections.contact')} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item name={['contact', 'name']} label={t('intake.form.contactName')}>
                <Input maxLength={300} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name={['contact', 'title']} label={t('intake.form.contactTitle')}>
                <Input maxLength={300} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name={['contact', 'phone']} label={t('intake.form.phone')}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name={['contact', 'email']} label={t('intake.form.email')} rules={[{ type: 'email' }]}>
                <Input maxLength={254} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title={t('intake.form.sections.system')} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item name="systemId" label={t('intake.form.system')}>
                <Select
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  placeholder={t('intake.form.systemPlaceholder')}
                  loading={systems.isLoading}
                  options={(systems.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.code} — ${s.name}` }))}
                  data-testid="report-system"
                />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="systemName" label={t('intake.form.systemName')}>
                <Input maxLength={500} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="operatorName" label={t('intake.form.operatorName')}>
                <Input maxLength={500} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="ownerName" label={t('intake.form.ownerName')}>
                <Input maxLength={500} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title={t('intake.form.sections.incident')} style={{ marginBottom: 16 }}>
          <Form.Item
            name="title"
            label={t('intake.form.incidentTitle')}
            rules={[{ required: true, whitespace: true, message: t('intake.form.incidentTitleRequired') }]}
          >
            <Input maxLength={500} data-testid="report-title" />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('intake.form.description')}
            extra={t('intake.form.descriptionHelp')}
            rules={[{ required: true, whitespace: true, message: t('intake.form.descriptionRequired') }]}
          >
            <Input.TextArea rows={6} maxLength={100_000} data-testid="report-description" />
          </Form.Item>
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item
                name="detectedAt"
                label={t('intake.form.detectedAt')}
                rules={[{ required: true, message: t('intake.form.detectedAtRequired') }]}
              >
                <DatePicker showTime format={DATE_TIME_FORMAT} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="occurredAt" label={t('intake.form.occurredAt')}>
                <DatePicker showTime format={DATE_TIME_FORMAT} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="detectionMethod" label={t('intake.form.detectionMethod')}>
                <Select options={DETECTION_METHODS.map((m) => ({ value: m, label: t(`intake.detection.${m}`) }))} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="detectionDetail" label={t('intake.form.detectionDetail')}>
                <Input maxLength={5000} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="handlingState" label={t('intake.form.handlingState')}>
                <Radio.Group options={HANDLING_STATES.map((h) => ({ value: h, label: t(`intake.handling.${h}`) }))} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="handlingResult" label={t('intake.form.handlingResult')}>
                <Input maxLength={5000} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="notifiedParties" label={t('intake.form.notifiedParties')}>
            <Checkbox.Group options={NOTIFIED_PARTIES.map((n) => ({ value: n, label: t(`intake.notified.${n}`) }))} />
          </Form.Item>
          <Form.Item name="requests" label={t('intake.form.requests')}>
            <Input.TextArea rows={2} maxLength={5000} />
          </Form.Item>
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item name="tlp" label={t('intake.form.tlp')}>
                <Select options={TLP_LEVELS.map((l) => ({ value: l, label: `TLP:${l.toUpperCase()}` }))} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="confidential" valuePropName="checked" label=" ">
                <Checkbox>{t('intake.form.confidential')}</Checkbox>
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title={t('intake.form.sections.extra')} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item name={['extra', 'operatingSystem']} label={t('intake.form.operatingSystem')}>
                <Input maxLength={300} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name={['extra', 'systemPurpose']} label={t('intake.form.systemPurpose')}>
                <Input maxLength={1000} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name={['extra', 'commonServices']} label={t('intake.form.services')}>
                <Checkbox.Group options={COMMON_SERVICES.map((x) => ({ value: x, label: x }))} />
              </Form.Item>
              <Form.Item name={['extra', 'services']} extra={t('intake.form.servicesHelp')}>
                <Input.TextArea rows={2} placeholder={t('intake.form.otherServices')} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name={['extra', 'measures']} label={t('intake.form.securityMeasures')}>
                <Checkbox.Group
                  options={MEASURES.map((m) => ({ value: m, label: t(`intake.measures.${m}`) }))}
                  data-testid="report-measures"
                />
              </Form.Item>
              <Form.Item name={['extra', 'otherMeasure']}>
                <Input maxLength={500} placeholder={t('intake.form.otherMeasure')} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item
                name={['extra', 'publicIps']}
                label={t('intake.form.publicIps')}
                extra={t('intake.form.listHelp')}
              >
                <Input.TextArea rows={2} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name={['extra', 'domains']} label={t('intake.form.domains')} extra={t('intake.form.listHelp')}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name={['extra', 'securityProvider']} label={t('intake.form.securityProvider')}>
                <Input maxLength={300} />
              </Form.Item>
              <Form.Item name={['extra', 'connectivityProvider']} label={t('intake.form.connectivityProvider')}>
                <Input maxLength={300} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title={t('intake.form.sections.attachments')} style={{ marginBottom: 16 }}>
          <Upload
            multiple
            beforeUpload={(f) => {
              setFiles((list) => [...list, f]);
              return false;
            }}
            onRemove={(f) => setFiles((list) => list.filter((x) => x.name !== f.name))}
            fileList={files.map((f, i) => ({ uid: String(i), name: f.name, status: 'done' as const }))}
          >
            <Button icon={<UploadOutlined />}>{t('intake.form.chooseFiles')}</Button>
          </Upload>
        </Card>
        <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="report-submit">
          {t('intake.form.submit')}
        </Button>
      </Form>
    </>
  );
}
