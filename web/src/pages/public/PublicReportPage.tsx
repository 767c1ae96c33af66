import { Alert, Button, Card, Col, DatePicker, Form, Input, Progress, Result, Row, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { type PublicReportReply, publicIntakeApi } from '../../api/public-intake-client';
import { DATE_TIME_FORMAT, isoToWallClock, wallClockIso } from '../../lib/dates';
import { errorText } from '../../lib/notify';
import { useLocale } from '../../lib/useLocale';
import { usePow } from '../../lib/usePow';
import { PublicShell } from './PublicShell';

type Values = {
  name: string;
  email: string;
  phone?: string;
  title: string;
  description: string;
  detectedAt: Dayjs;
  systemName?: string;
  indicators?: string;
  website?: string;
};

const empty = (v: string | undefined) => (v?.trim() ? v.trim() : null);

/** Challenges the server refuses as stale or used: a fresh proof and one more try fix them. */
const RETRY_WITH_NEW_PROOF = new Set(['public_challenge_expired', 'public_challenge_used', 'public_challenge_invalid']);

function PowStatus({ pow }: { pow: ReturnType<typeof usePow> }) {
  const { t } = useTranslation();
  const { state } = pow;
  if (state.phase === 'failed')
    return (
      <Alert
        type="warning"
        showIcon
        title={t('publicIntake.report.pow.failed')}
        action={<Button onClick={pow.renew}>{t('publicIntake.report.pow.retry')}</Button>}
      />
    );
  const ready = state.phase === 'ready';
  return (
    <div data-testid="public-pow" data-state={state.phase}>
      <Typography.Text type="secondary">
        {ready ? t('publicIntake.report.pow.ready') : t('publicIntake.report.pow.solving')}
      </Typography.Text>
      <Progress
        percent={ready ? 100 : Math.min(99, Math.round(state.progress * 100))}
        size="small"
        status={ready ? 'success' : 'active'}
        showInfo={false}
      />
    </div>
  );
}

/** The public incident report form (no login): citizens and outside researchers. */
export default function PublicReportPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [form] = Form.useForm<Values>();
  const pow = usePow();
  // One id per filled-in form: sending it twice (double click, retry) never makes two reports.
  const [submissionId, setSubmissionId] = useState(() => crypto.randomUUID());
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<(PublicReportReply & { email: string }) | null>(null);

  const send = async (v: Values, attempt = 0): Promise<void> => {
    const proof = await pow.solution();
    try {
      const reply = await publicIntakeApi.submit({
        submissionId,
        challenge: proof.token,
        nonce: proof.nonce,
        website: v.website ?? '',
        name: v.name.trim(),
        email: v.email.trim(),
        phone: empty(v.phone),
        title: v.title.trim(),
        description: v.description,
        detectedAt: wallClockIso(v.detectedAt),
        systemName: empty(v.systemName),
        indicators: empty(v.indicators),
        locale,
      });
      setDone({ ...reply, email: v.email.trim() });
    } catch (caught) {
      if (attempt === 0 && isApiError(caught) && RETRY_WITH_NEW_PROOF.has(caught.code)) {
        pow.renew();
        return send(v, 1);
      }
      // Not spent (refused before, or unknown after a network error): a retry may reuse it.
      throw caught;
    }
    // spent with this report
    pow.renew();
  };

  const onFinish = async (v: Values) => {
    setError(null);
    setSending(true);
    try {
      await send(v);
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setSending(false);
    }
  };

  if (done) {
    return (
      <PublicShell title={t('publicIntake.report.done.title')}>
        <Card className="public-card" variant="borderless">
          <Result
            status="success"
            title={t('publicIntake.report.done.title')}
            subTitle={t('publicIntake.report.done.subtitle', { code: done.code, email: done.email })}
            extra={[
              <div key="code" className="public-code" data-testid="public-tracking-code">
                {done.code}
              </div>,
              <Link key="status" to={done.statusUrl}>
                <Button type="primary" data-testid="public-view-status">
                  {t('publicIntake.report.done.status')}
                </Button>
              </Link>,
              <Button
                key="another"
                onClick={() => {
                  form.resetFields();
                  setSubmissionId(crypto.randomUUID());
                  setDone(null);
                }}
              >
                {t('publicIntake.report.done.another')}
              </Button>,
            ]}
          />
        </Card>
      </PublicShell>
    );
  }

  return (
    <PublicShell title={t('publicIntake.report.title')}>
      <Card className="public-card" variant="borderless">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('publicIntake.report.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('publicIntake.report.intro')}</Typography.Paragraph>
        <Typography.Paragraph>
          <Link to="/public/status">{t('publicIntake.report.statusLink')}</Link>
        </Typography.Paragraph>
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{ detectedAt: isoToWallClock(new Date().toISOString()) }}
          requiredMark
        >
          <Typography.Title level={5}>{t('publicIntake.report.sections.you')}</Typography.Title>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="name"
                label={t('publicIntake.report.name')}
                rules={[{ required: true, whitespace: true, max: 200, message: t('publicIntake.report.nameRequired') }]}
              >
                <Input data-testid="public-name" autoComplete="name" maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="email"
                label={t('publicIntake.report.email')}
                extra={t('publicIntake.report.emailHelp')}
                rules={[{ required: true, type: 'email', message: t('publicIntake.report.emailRequired') }]}
              >
                <Input data-testid="public-email" type="email" autoComplete="email" maxLength={254} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="phone" label={t('publicIntake.report.phone')}>
                <Input data-testid="public-phone" autoComplete="tel" maxLength={50} />
              </Form.Item>
            </Col>
          </Row>
          {/* The honeypot: people never see it; a filled one means a bot, quietly discarded by the server. */}
          <div className="public-trap" aria-hidden="true">
            <Form.Item name="website" label={t('publicIntake.report.honeypot')}>
              <Input tabIndex={-1} autoComplete="off" />
            </Form.Item>
          </div>
          <Typography.Title level={5}>{t('publicIntake.report.sections.what')}</Typography.Title>
          <Form.Item
            name="title"
            label={t('publicIntake.report.incidentTitle')}
            rules={[{ required: true, whitespace: true, message: t('publicIntake.report.incidentTitleRequired') }]}
          >
            <Input data-testid="public-title" maxLength={500} />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('publicIntake.report.description')}
            extra={t('publicIntake.report.descriptionHelp')}
            rules={[{ required: true, whitespace: true, message: t('publicIntake.report.descriptionRequired') }]}
          >
            <Input.TextArea data-testid="public-description" rows={6} maxLength={20_000} />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="detectedAt"
                label={t('publicIntake.report.detectedAt')}
                rules={[{ required: true, message: t('publicIntake.report.detectedAtRequired') }]}
              >
                <DatePicker showTime format={DATE_TIME_FORMAT} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="systemName" label={t('publicIntake.report.systemName')}>
                <Input
                  data-testid="public-system"
                  placeholder={t('publicIntake.report.systemNamePlaceholder')}
                  maxLength={500}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="indicators"
            label={t('publicIntake.report.indicators')}
            extra={t('publicIntake.report.indicatorsHelp')}
          >
            <Input.TextArea data-testid="public-indicators" rows={3} maxLength={10_000} />
          </Form.Item>
          <Typography.Paragraph type="secondary">{t('publicIntake.report.attachmentsNote')}</Typography.Paragraph>
          <PowStatus pow={pow} />
          {error ? (
            <Alert type="error" showIcon title={error} style={{ margin: '16px 0' }} data-testid="public-error" />
          ) : null}
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            loading={sending}
            style={{ marginTop: 16 }}
            data-testid="public-submit"
          >
            {t('publicIntake.report.submit')}
          </Button>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t('publicIntake.report.privacy')}
          </Typography.Paragraph>
        </Form>
      </Card>
    </PublicShell>
  );
}
