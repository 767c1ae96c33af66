import { RedoOutlined } from '@ant-design/icons';
import { Button, type TableColumnsType, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRetryDelivery } from '../../api/notify-hooks';
import type { Delivery } from '../../api/notify-types';
import { CategoryTag, ChannelLabel, DeliveryStatusTag, TlpTag } from '../../components/notifyLabels';
import { formatDateTime } from '../../lib/dates';
import { notifySuccess } from '../../lib/notify';

function RetryButton({ delivery }: { delivery: Delivery }) {
  const { t } = useTranslation();
  const retry = useRetryDelivery();
  if (delivery.status === 'sent' || delivery.channel === 'inapp') return null;
  return (
    <Button
      size="small"
      icon={<RedoOutlined />}
      loading={retry.isPending}
      onClick={async () => {
        try {
          await retry.mutateAsync(delivery.id);
          notifySuccess(t('notify.deliveries.retried'));
        } catch {
          // shown globally
        }
      }}
      data-testid="delivery-retry"
    >
      {t('notify.deliveries.retry')}
    </Button>
  );
}

function ErrorText({ text }: { text: string | null }) {
  if (!text) return <>—</>;
  return (
    <Typography.Paragraph
      type="danger"
      className="delivery-error mono"
      ellipsis={{ rows: 2, tooltip: text }}
      style={{ margin: 0 }}
    >
      {text}
    </Typography.Paragraph>
  );
}

function recipientText(delivery: Delivery): string {
  const { address, username } = delivery.recipient;
  if (address && username) return `${address} (@${username})`;
  return address ?? (username ? `@${username}` : '—');
}

function TimeCell({ delivery }: { delivery: Delivery }) {
  const { t } = useTranslation();
  const pending = delivery.status === 'queued' || delivery.status === 'retrying';
  return (
    <div>
      <div>{formatDateTime(delivery.createdAt)}</div>
      {delivery.sentAt ? (
        <Tooltip title={delivery.messageId ? `Message-ID: ${delivery.messageId}` : undefined}>
          <Typography.Text type="secondary" className="delivery-sub">
            {t('notify.deliveries.sentAtShort', { time: formatDateTime(delivery.sentAt) })}
          </Typography.Text>
        </Tooltip>
      ) : null}
      {delivery.status === 'failed' && delivery.lastAttemptAt ? (
        <Typography.Text type="secondary" className="delivery-sub">
          {t('notify.deliveries.lastAttemptShort', { time: formatDateTime(delivery.lastAttemptAt) })}
        </Typography.Text>
      ) : null}
      {pending && delivery.nextAttemptAt ? (
        <Typography.Text type="secondary" className="delivery-sub" data-testid="delivery-next-attempt">
          {t('notify.deliveries.nextAttemptShort', { time: formatDateTime(delivery.nextAttemptAt) })}
        </Typography.Text>
      ) : null}
    </div>
  );
}

function StatusCell({ delivery, httpStatus }: { delivery: Delivery; httpStatus: boolean }) {
  const { t } = useTranslation();
  return (
    <div>
      <DeliveryStatusTag status={delivery.status} />
      <Typography.Text type="secondary" className="delivery-sub">
        {t('notify.deliveries.attemptsOf', { count: delivery.attempts, max: delivery.maxAttempts })}
      </Typography.Text>
      {httpStatus && delivery.httpStatus !== null ? (
        <Typography.Text type={delivery.httpStatus >= 400 ? 'danger' : 'secondary'} className="delivery-sub">
          HTTP {delivery.httpStatus}
        </Typography.Text>
      ) : null}
    </div>
  );
}

interface Options {
  /** The outbox lists every channel; a webhook's log only its own. */
  channel: boolean;
  recipient: boolean;
  httpStatus: boolean;
}

/** Table width below which the delivery tables scroll sideways rather than squeeze. */
export const DELIVERY_TABLE_MIN_WIDTH = 960;

/** Columns shared by the outbox and a webhook's delivery log. */
export function useDeliveryColumns(options: Options): TableColumnsType<Delivery> {
  const { t } = useTranslation();
  const columns: TableColumnsType<Delivery> = [
    {
      title: t('notify.deliveries.time'),
      dataIndex: 'createdAt',
      width: 170,
      render: (_, delivery) => <TimeCell delivery={delivery} />,
    },
    {
      title: t('notify.deliveries.status'),
      dataIndex: 'status',
      width: 130,
      render: (_, delivery) => <StatusCell delivery={delivery} httpStatus={options.httpStatus} />,
    },
  ];
  if (options.channel) {
    columns.push({
      title: t('notify.deliveries.channel'),
      dataIndex: 'channel',
      width: 120,
      render: (_, delivery) => <ChannelLabel channel={delivery.channel} />,
    });
  }
  if (options.recipient) {
    columns.push({
      title: t('notify.deliveries.recipient'),
      key: 'recipient',
      render: (_, delivery) => (
        <Typography.Text className="delivery-recipient" ellipsis={{ tooltip: recipientText(delivery) }}>
          {recipientText(delivery)}
        </Typography.Text>
      ),
    });
  }
  columns.push(
    {
      title: t('notify.deliveries.subject'),
      dataIndex: 'subject',
      render: (subject: string, delivery) => (
        <div>
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: subject }} style={{ margin: 0 }}>
            {subject}
          </Typography.Paragraph>
          <div className="delivery-meta">
            <CategoryTag category={delivery.category} />
            <TlpTag tlp={delivery.tlp} />
            {delivery.kind === 'single' ? null : (
              <Typography.Text type="secondary">{t(`notify.deliveries.kinds.${delivery.kind}`)}</Typography.Text>
            )}
          </div>
        </div>
      ),
    },
    {
      title: t('notify.deliveries.lastError'),
      dataIndex: 'lastError',
      render: (text: string | null) => <ErrorText text={text} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, delivery) => <RetryButton delivery={delivery} />,
    },
  );
  return columns;
}
