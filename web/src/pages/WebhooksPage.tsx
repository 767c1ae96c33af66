import { DeleteOutlined, EditOutlined, HistoryOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Popconfirm, Space, Switch, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeleteWebhook, useEnableWebhook, useTestWebhook, useUpdateWebhook, useWebhooks } from '../api/notify-hooks';
import { NOTIFICATION_CATEGORIES, type Webhook } from '../api/notify-types';
import { useCursorPager } from '../components/CursorPager';
import { CategoryTag } from '../components/notifyLabels';
import { PageTitle } from '../components/PageTitle';
import { ServerTable } from '../components/ServerTable';
import { formatDateTime } from '../lib/dates';
import { notifySuccess } from '../lib/notify';
import { SecretOnceModal } from './webhooks/SecretOnceModal';
import { WebhookDeliveriesDrawer } from './webhooks/WebhookDeliveriesDrawer';
import { WebhookFormModal } from './webhooks/WebhookFormModal';

function StatusCell({ webhook }: { webhook: Webhook }) {
  const { t } = useTranslation();
  const update = useUpdateWebhook();
  const enable = useEnableWebhook();
  const setEnabled = async (value: boolean) => {
    try {
      if (value) await enable.mutateAsync(webhook.id);
      else await update.mutateAsync({ id: webhook.id, patch: { enabled: false } });
      notifySuccess(value ? t('notify.webhooks.enabledDone') : t('notify.webhooks.disabledDone'));
    } catch {
      // shown globally
    }
  };
  return (
    <Space orientation="vertical" size={2}>
      <Space size={8}>
        <Switch
          size="small"
          checked={webhook.enabled}
          loading={update.isPending || enable.isPending}
          onChange={(value) => void setEnabled(value)}
          aria-label={t('notify.webhooks.enabled')}
          data-testid="webhook-enabled"
        />
        {webhook.enabled ? (
          <Tag color="success">{t('notify.webhooks.statusEnabled')}</Tag>
        ) : (
          <Tag color="error">{t('notify.webhooks.statusDisabled')}</Tag>
        )}
      </Space>
      <Typography.Text type={webhook.consecutiveFailures > 0 ? 'warning' : 'secondary'}>
        {t('notify.webhooks.failures', { count: webhook.consecutiveFailures, max: webhook.maxFailures })}
      </Typography.Text>
      {webhook.disabledAt ? (
        <Typography.Text type="danger" className="webhook-disabled-reason">
          {t('notify.webhooks.disabledAt', { time: formatDateTime(webhook.disabledAt) })}
          {webhook.disabledReason ? `: ${webhook.disabledReason}` : ''}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

function Categories({ webhook }: { webhook: Webhook }) {
  const { t } = useTranslation();
  if (webhook.categories.length === NOTIFICATION_CATEGORIES.length)
    return <Tag>{t('notify.webhooks.allCategories')}</Tag>;
  return (
    <Space size={[0, 4]} wrap style={{ maxWidth: 280 }}>
      {webhook.categories.map((category) => (
        <CategoryTag key={category} category={category} />
      ))}
    </Space>
  );
}

export default function WebhooksPage() {
  const { t } = useTranslation();
  const pager = useCursorPager('webhooks');
  const list = useWebhooks({ cursor: pager.cursor, limit: pager.limit });
  const remove = useDeleteWebhook();
  const test = useTestWebhook();
  const [form, setForm] = useState<{ open: boolean; webhook: Webhook | null }>({ open: false, webhook: null });
  const [secret, setSecret] = useState<{ value: string; webhookName: string } | null>(null);
  const [logOf, setLogOf] = useState<Webhook | null>(null);

  const sendTest = async (webhook: Webhook) => {
    try {
      await test.mutateAsync(webhook.id);
      notifySuccess(t('notify.webhooks.testQueued'));
    } catch {
      // shown globally
    }
  };

  const columns: TableColumnsType<Webhook> = [
    {
      title: t('notify.webhooks.name'),
      dataIndex: 'name',
      render: (name: string, webhook) => (
        <div>
          <Typography.Text strong>{name}</Typography.Text>
          <div>
            <Typography.Text
              type="secondary"
              className="mono"
              ellipsis={{ tooltip: webhook.url }}
              style={{ maxWidth: 320 }}
            >
              {webhook.url}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('notify.webhooks.scope'),
      key: 'scope',
      width: 160,
      render: (_, webhook) =>
        webhook.organisation ? (
          <Tooltip title={webhook.organisation.name}>
            <Tag color="blue">{webhook.organisation.code}</Tag>
          </Tooltip>
        ) : (
          <Tag>{t('notify.webhooks.platformWide')}</Tag>
        ),
    },
    {
      title: t('notify.webhooks.categories'),
      key: 'categories',
      render: (_, webhook) => <Categories webhook={webhook} />,
    },
    {
      title: t('notify.webhooks.status'),
      key: 'status',
      width: 220,
      render: (_, webhook) => <StatusCell webhook={webhook} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_, webhook) => (
        <Space size={4} wrap>
          <Tooltip title={t('notify.webhooks.log')}>
            <Button
              size="small"
              icon={<HistoryOutlined />}
              onClick={() => setLogOf(webhook)}
              aria-label={t('notify.webhooks.log')}
              data-testid="webhook-log-open"
            />
          </Tooltip>
          <Tooltip title={t('notify.webhooks.test')}>
            <Button
              size="small"
              icon={<SendOutlined />}
              onClick={() => void sendTest(webhook)}
              disabled={!webhook.enabled}
              aria-label={t('notify.webhooks.test')}
              data-testid="webhook-test"
            />
          </Tooltip>
          <Tooltip title={t('common.edit')}>
            <Button
              size="small"
              icon={<EditOutlined />}
              onClick={() => setForm({ open: true, webhook })}
              aria-label={t('common.edit')}
              data-testid="webhook-edit"
            />
          </Tooltip>
          <Popconfirm
            title={t('notify.webhooks.deleteConfirm')}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={async () => {
              try {
                await remove.mutateAsync(webhook.id);
                notifySuccess(t('common.deleted'));
              } catch {
                // shown globally
              }
            }}
          >
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <div>
      <PageTitle
        title={t('notify.webhooks.title')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setForm({ open: true, webhook: null })}
            data-testid="webhook-create"
          >
            {t('notify.webhooks.create')}
          </Button>
        }
      />
      {list.data?.items.some((webhook) => !webhook.enabled && webhook.disabledAt) ? (
        <Alert type="warning" showIcon title={t('notify.webhooks.someDisabled')} style={{ marginBottom: 16 }} />
      ) : null}
      <Card>
        <Typography.Paragraph type="secondary" className="page-intro">
          {t('notify.webhooks.intro')}
        </Typography.Paragraph>
        <ServerTable<Webhook>
          testId="webhook-table"
          list={list}
          pager={pager}
          emptyText={t('notify.webhooks.empty')}
          columns={columns}
          onRow={(webhook) => ({ className: 'webhook-row', 'data-testid': `webhook-row-${webhook.name}` })}
        />
      </Card>
      <WebhookFormModal
        open={form.open}
        webhook={form.webhook}
        onClose={() => setForm({ open: false, webhook: null })}
        onSecret={(value, webhook) => setSecret({ value, webhookName: webhook.name })}
      />
      <SecretOnceModal secret={secret} onClose={() => setSecret(null)} />
      <WebhookDeliveriesDrawer webhook={logOf} onClose={() => setLogOf(null)} />
    </div>
  );
}
