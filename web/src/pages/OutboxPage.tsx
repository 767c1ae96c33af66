import { ReloadOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Select, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useDeliveries } from '../api/notify-hooks';
import {
  DELIVERY_STATUSES,
  type Delivery,
  type DeliveryFilters,
  type DeliveryStatus,
  NOTIFICATION_CHANNELS,
  type NotificationChannel,
} from '../api/notify-types';
import { useCursorPager } from '../components/CursorPager';
import { PageTitle } from '../components/PageTitle';
import { ServerTable } from '../components/ServerTable';
import { formatDateTime } from '../lib/dates';
import { DELIVERY_TABLE_MIN_WIDTH, useDeliveryColumns } from './notify/deliveryColumns';

const ALL = 'all';

function isStatus(value: string | null): value is DeliveryStatus {
  return (DELIVERY_STATUSES as readonly (string | null)[]).includes(value);
}

function isChannel(value: string | null): value is NotificationChannel {
  return (NOTIFICATION_CHANNELS as readonly (string | null)[]).includes(value);
}

/** The outbox opens on e-mail, where a stuck SMTP server shows; `channel=all` lists every channel. */
function readFilters(params: URLSearchParams): DeliveryFilters {
  const status = params.get('status');
  const channel = params.get('channel') ?? 'email';
  return {
    status: isStatus(status) ? status : undefined,
    channel: isChannel(channel) ? channel : undefined,
  };
}

/** A banner when e-mail is not getting out: the newest failing delivery's error says why. */
function StuckMailBanner() {
  const { t } = useTranslation();
  const retrying = useDeliveries({ channel: 'email', status: 'retrying' }, { limit: 1 });
  const failed = useDeliveries({ channel: 'email', status: 'failed' }, { limit: 1 });
  // Without an SMTP server configured, mail waits as queued with the reason in lastError.
  const waiting = useDeliveries({ channel: 'email', status: 'queued' }, { limit: 1 });
  const newest = [retrying.data?.items[0], failed.data?.items[0], waiting.data?.items[0]]
    .filter((item): item is Delivery => Boolean(item?.lastError))
    .sort((a, b) => (a.lastAttemptAt ?? a.createdAt).localeCompare(b.lastAttemptAt ?? b.createdAt))
    .at(-1);
  if (!newest) return null;
  return (
    <Alert
      type="warning"
      showIcon
      icon={<WarningOutlined />}
      style={{ marginBottom: 16 }}
      data-testid="outbox-stuck"
      title={t('notify.outbox.stuckTitle')}
      description={
        <>
          <div>
            {t('notify.outbox.stuckLastError', { time: formatDateTime(newest.lastAttemptAt ?? newest.createdAt) })}{' '}
            <Typography.Text code>{newest.lastError ?? '—'}</Typography.Text>
          </div>
          <div>{t('notify.outbox.stuckHint')}</div>
        </>
      }
    />
  );
}

export default function OutboxPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const pager = useCursorPager(JSON.stringify(filters));
  const list = useDeliveries(filters, { cursor: pager.cursor, limit: pager.limit });
  const columns = useDeliveryColumns({ channel: filters.channel === undefined, recipient: true, httpStatus: true });

  const setParam = (key: 'status' | 'channel', value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    if (key === 'status' && value === ALL) next.delete('status');
    setParams(next, { replace: true });
  };

  return (
    <div>
      <PageTitle
        title={t('notify.outbox.title')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>
            {t('common.refresh')}
          </Button>
        }
      />
      <StuckMailBanner />
      <Card>
        <Typography.Paragraph type="secondary" className="page-intro">
          {t('notify.outbox.intro')}
        </Typography.Paragraph>
        <Flex className="filters" gap={12} wrap align="center">
          <Select<string>
            value={filters.channel ?? ALL}
            onChange={(value) => setParam('channel', value)}
            style={{ width: 200 }}
            data-testid="outbox-channel"
            aria-label={t('notify.deliveries.channel')}
            options={[
              ...NOTIFICATION_CHANNELS.map((channel) => ({ value: channel, label: t(`notify.channels.${channel}`) })),
              { value: ALL, label: t('notify.outbox.allChannels') },
            ]}
          />
          <Select<string>
            value={filters.status ?? ALL}
            onChange={(value) => setParam('status', value)}
            style={{ width: 200 }}
            data-testid="outbox-status"
            aria-label={t('notify.deliveries.status')}
            options={[
              { value: ALL, label: t('notify.outbox.allStatuses') },
              ...DELIVERY_STATUSES.map((status) => ({ value: status, label: t(`notify.statuses.${status}`) })),
            ]}
          />
        </Flex>
        <ServerTable<Delivery>
          testId="outbox-table"
          list={list}
          pager={pager}
          emptyText={t('notify.outbox.empty')}
          columns={columns}
          scroll={{ x: DELIVERY_TABLE_MIN_WIDTH }}
          onRow={(delivery) => ({ className: 'delivery-row', 'data-testid': `delivery-row-${delivery.id}` })}
        />
      </Card>
    </div>
  );
}
