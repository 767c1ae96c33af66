import { CheckCircleOutlined, CheckOutlined, EyeOutlined, SettingOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Flex, Segmented, Space, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAcknowledge, useInbox, useMarkAllRead, useMarkRead } from '../api/notify-hooks';
import type { InboxFilters, InboxItem } from '../api/notify-types';
import { useCursorPager } from '../components/CursorPager';
import { actorLabel, CategoryTag, TlpTag } from '../components/notifyLabels';
import { PageTitle } from '../components/PageTitle';
import { ServerTable } from '../components/ServerTable';
import { formatDateTime } from '../lib/dates';
import { notifySuccess } from '../lib/notify';

/** Below this width the table scrolls sideways; above it the subject column wraps. */
const INBOX_TABLE_MIN_WIDTH = 900;

function Acknowledgement({ item }: { item: InboxItem }) {
  const { t } = useTranslation();
  if (!item.acknowledgedAt)
    return <Typography.Text type="secondary">{t('notify.inbox.notAcknowledged')}</Typography.Text>;
  return (
    <Tag color="success" icon={<CheckCircleOutlined />} data-testid="inbox-acknowledged">
      {formatDateTime(item.acknowledgedAt)}
    </Tag>
  );
}

function RowActions({ item }: { item: InboxItem }) {
  const { t } = useTranslation();
  const markRead = useMarkRead();
  const acknowledge = useAcknowledge();
  return (
    <Space size={4}>
      {item.readAt ? null : (
        <Tooltip title={t('notify.inbox.markRead')}>
          <Button
            size="small"
            icon={<EyeOutlined />}
            loading={markRead.isPending}
            onClick={(event) => {
              event.stopPropagation();
              markRead.mutate(item.id);
            }}
            aria-label={t('notify.inbox.markRead')}
            data-testid="inbox-mark-read"
          />
        </Tooltip>
      )}
      {item.acknowledgedAt ? null : (
        <Button
          size="small"
          type="primary"
          ghost
          icon={<CheckOutlined />}
          loading={acknowledge.isPending}
          onClick={async (event) => {
            event.stopPropagation();
            try {
              await acknowledge.mutateAsync(item.id);
              notifySuccess(t('notify.inbox.acknowledgedDone'));
            } catch {
              // shown globally
            }
          }}
          data-testid="inbox-acknowledge"
        >
          {t('notify.inbox.acknowledge')}
        </Button>
      )}
    </Space>
  );
}

export default function NotificationsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('unread') === '1';
  const focused = params.get('item');
  const filters = useMemo<InboxFilters>(() => (unreadOnly ? { unread: true } : {}), [unreadOnly]);
  const pager = useCursorPager(JSON.stringify(filters));
  const list = useInbox(filters, { cursor: pager.cursor, limit: pager.limit }, { poll: true });
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();

  const setUnreadOnly = (value: boolean) => {
    const next = new URLSearchParams(params);
    if (value) next.set('unread', '1');
    else next.delete('unread');
    next.delete('item');
    setParams(next, { replace: true });
  };

  const readAll = async () => {
    try {
      const result = await markAllRead.mutateAsync();
      notifySuccess(t('notify.inbox.allRead', { count: result.updated }));
    } catch {
      // shown globally
    }
  };

  const columns: TableColumnsType<InboxItem> = [
    {
      title: t('notify.inbox.subject'),
      dataIndex: 'subject',
      render: (subject: string, item) => (
        <div className="inbox-subject">
          <Flex align="baseline" gap={8}>
            {item.readAt ? null : (
              <Tooltip title={t('notify.inbox.unread')}>
                <Badge status="processing" />
              </Tooltip>
            )}
            <Typography.Text strong={!item.readAt}>{subject}</Typography.Text>
          </Flex>
          <Typography.Text type="secondary" className="inbox-meta">
            {formatDateTime(item.createdAt)} · {actorLabel(item.actor, t('notify.inbox.system'))}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('notify.inbox.category'),
      dataIndex: 'category',
      width: 130,
      render: (_, item) => <CategoryTag category={item.category} />,
    },
    {
      title: 'TLP',
      dataIndex: 'tlp',
      width: 140,
      render: (_, item) => <TlpTag tlp={item.tlp} />,
    },
    {
      title: t('notify.inbox.acknowledgedAt'),
      key: 'acknowledged',
      width: 150,
      render: (_, item) => <Acknowledgement item={item} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      render: (_, item) => <RowActions item={item} />,
    },
  ];

  return (
    <div>
      <PageTitle
        title={t('notify.inbox.title')}
        extra={
          <Space wrap>
            <Button
              icon={<CheckOutlined />}
              onClick={() => void readAll()}
              loading={markAllRead.isPending}
              data-testid="inbox-mark-all-read"
            >
              {t('notify.inbox.markAllRead')}
            </Button>
            <Link to="/notifications/preferences">
              <Button icon={<SettingOutlined />}>{t('notify.nav.preferences')}</Button>
            </Link>
          </Space>
        }
      />
      <Card>
        <Typography.Paragraph type="secondary" className="page-intro">
          {t('notify.inbox.intro')}
        </Typography.Paragraph>
        <Flex className="filters" gap={12} wrap align="center">
          <Segmented<'all' | 'unread'>
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(value) => setUnreadOnly(value === 'unread')}
            options={[
              { value: 'all', label: t('notify.inbox.filterAll') },
              {
                value: 'unread',
                label: <span data-testid="inbox-filter-unread">{t('notify.inbox.filterUnread')}</span>,
              },
            ]}
          />
        </Flex>
        <ServerTable<InboxItem>
          testId="inbox-table"
          list={list}
          pager={pager}
          emptyText={unreadOnly ? t('notify.inbox.emptyUnread') : t('notify.inbox.empty')}
          columns={columns}
          scroll={{ x: INBOX_TABLE_MIN_WIDTH }}
          rowClassName={(item) => (item.readAt ? '' : 'inbox-row-unread')}
          onRow={(item) => ({ className: 'inbox-row', 'data-testid': `inbox-row-${item.id}` })}
          expandable={{
            defaultExpandedRowKeys: focused ? [focused] : [],
            expandedRowRender: (item) => (
              <div className="inbox-body pre-line" data-testid="inbox-body">
                {item.body}
              </div>
            ),
            onExpand: (expanded, item) => {
              if (expanded && !item.readAt) markRead.mutate(item.id);
            },
          }}
        />
      </Card>
    </div>
  );
}
