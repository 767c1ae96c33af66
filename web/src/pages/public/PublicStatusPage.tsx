import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type PublicState, publicIntakeApi } from '../../api/public-intake-client';
import { formatDateTime } from '../../lib/dates';
import { errorText } from '../../lib/notify';
import { PublicShell } from './PublicShell';

const STATE_COLOR: Record<PublicState, string> = {
  received: 'blue',
  'in-progress': 'gold',
  closed: 'green',
  'not-incident': 'default',
};

/** The public status page: a report's coarse state by its tracking code, nothing more. */
export default function PublicStatusPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const code = params.get('code')?.trim() ?? '';
  const status = useQuery({
    queryKey: ['public-status', code],
    queryFn: ({ signal }) => publicIntakeApi.status(code, signal),
    enabled: code.length > 0,
    retry: false,
  });

  return (
    <PublicShell title={t('publicIntake.status.title')}>
      <Card className="public-card" variant="borderless">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('publicIntake.status.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('publicIntake.status.intro')}</Typography.Paragraph>
        <Form
          layout="inline"
          initialValues={{ code }}
          onFinish={(v: { code: string }) => setParams({ code: v.code.trim() })}
          style={{ marginBottom: 24 }}
        >
          <Form.Item
            name="code"
            label={t('publicIntake.status.code')}
            rules={[{ required: true, whitespace: true, message: t('publicIntake.status.codeRequired') }]}
          >
            <Input
              data-testid="public-status-code"
              placeholder={t('publicIntake.status.codePlaceholder')}
              style={{ width: 280 }}
              maxLength={64}
              autoComplete="off"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="public-status-lookup" loading={status.isFetching}>
            {t('publicIntake.status.lookup')}
          </Button>
        </Form>
        {status.isError ? (
          <Alert type="warning" showIcon title={errorText(status.error)} data-testid="public-status-error" />
        ) : null}
        {status.data ? (
          <Result
            status={status.data.state === 'closed' ? 'success' : 'info'}
            title={
              <Tag
                color={STATE_COLOR[status.data.state]}
                data-testid="public-status-state"
                data-state={status.data.state}
              >
                {t(`publicIntake.status.states.${status.data.state}`)}
              </Tag>
            }
            subTitle={t(`publicIntake.status.stateHelp.${status.data.state}`)}
            extra={
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label={t('publicIntake.status.code')}>
                  <span className="public-code">{status.data.code}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('publicIntake.status.receivedAt')}>
                  {formatDateTime(status.data.receivedAt)}
                </Descriptions.Item>
              </Descriptions>
            }
          />
        ) : null}
        <Link to="/public/report">{t('publicIntake.status.newReport')}</Link>
      </Card>
    </PublicShell>
  );
}
