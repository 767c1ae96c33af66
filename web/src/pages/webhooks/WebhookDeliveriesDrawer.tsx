import { ReloadOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Grid, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWebhookDeliveries } from '../../api/notify-hooks';
import { DELIVERY_STATUSES, type Delivery, type DeliveryStatus, type Webhook } from '../../api/notify-types';
import { useCursorPager } from '../../components/CursorPager';
import { ServerTable } from '../../components/ServerTable';
import { DELIVERY_TABLE_MIN_WIDTH, useDeliveryColumns } from '../notify/deliveryColumns';

const ALL = 'all';

function DeliveryLog({ webhook }: { webhook: Webhook }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<DeliveryStatus | undefined>(undefined);
  const pager = useCursorPager(status ?? ALL);
  const list = useWebhookDeliveries(webhook.id, status, { cursor: pager.cursor, limit: pager.limit });
  const columns = useDeliveryColumns({ channel: false, recipient: false, httpStatus: true });
  return (
    <>
      <Flex gap={12} wrap align="center" justify="space-between" className="filters">
        <Typography.Text
          type="secondary"
          className="mono"
          ellipsis={{ tooltip: webhook.url }}
          style={{ maxWidth: 520 }}
        >
          {webhook.url}
        </Typography.Text>
        <Flex gap={8}>
          <Select<string>
            value={status ?? ALL}
            onChange={(value) => setStatus(value === ALL ? undefined : (value as DeliveryStatus))}
            style={{ width: 180 }}
            aria-label={t('notify.deliveries.status')}
            data-testid="webhook-log-status"
            options={[
              { value: ALL, label: t('notify.outbox.allStatuses') },
              ...DELIVERY_STATUSES.map((value) => ({ value, label: t(`notify.statuses.${value}`) })),
            ]}
          />
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void list.refetch()}
            loading={list.isFetching}
            aria-label={t('common.refresh')}
          />
        </Flex>
      </Flex>
      <ServerTable<Delivery>
        testId="webhook-log-table"
        list={list}
        pager={pager}
        emptyText={t('notify.webhooks.logEmpty')}
        columns={columns}
        scroll={{ x: DELIVERY_TABLE_MIN_WIDTH }}
      />
    </>
  );
}

export function WebhookDeliveriesDrawer({ webhook, onClose }: { webhook: Webhook | null; onClose: () => void }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  return (
    <Drawer
      open={webhook !== null}
      onClose={onClose}
      size={screens.lg === false ? '100%' : 1100}
      title={t('notify.webhooks.logTitle', { name: webhook?.name ?? '' })}
      data-testid="webhook-log"
      destroyOnHidden
    >
      {webhook ? <DeliveryLog webhook={webhook} /> : null}
    </Drawer>
  );
}
