import { BellOutlined, CheckOutlined, SettingOutlined } from '@ant-design/icons';
import { Badge, Button, type ButtonProps, Empty, Flex, Popover, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useInbox, useMarkAllRead, useMarkRead, useUnreadCount } from '../api/notify-hooks';
import type { InboxItem } from '../api/notify-types';
import { formatDateTime } from '../lib/dates';
import { notifySuccess } from '../lib/notify';
import { CategoryTag, TlpTag } from './notifyLabels';

const LATEST = 6;

/** The server caps the count at 1000; antd shows `overflowCount+`. */
const OVERFLOW = 999;

function BellItem({ item, onOpen }: { item: InboxItem; onOpen: (item: InboxItem) => void }) {
  return (
    <button
      type="button"
      className={`bell-item${item.readAt ? '' : ' bell-item-unread'}`}
      onClick={() => onOpen(item)}
      data-testid="bell-item"
    >
      <Flex gap={6} align="center" wrap>
        <CategoryTag category={item.category} />
        <TlpTag tlp={item.tlp} />
        <Typography.Text type="secondary" className="bell-item-time">
          {formatDateTime(item.createdAt)}
        </Typography.Text>
      </Flex>
      <div className="bell-item-subject">{item.subject}</div>
    </button>
  );
}

function BellPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const latest = useInbox({}, { limit: LATEST });
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();
  const items = latest.data?.items ?? [];

  const open = (item: InboxItem) => {
    if (!item.readAt) markRead.mutate(item.id);
    onClose();
    navigate(`/notifications?item=${encodeURIComponent(item.id)}`);
  };

  const readAll = async () => {
    try {
      const result = await markAllRead.mutateAsync();
      notifySuccess(t('notify.inbox.allRead', { count: result.updated }));
    } catch {
      // shown globally
    }
  };

  return (
    <div className="bell-panel" data-testid="bell-panel">
      <Flex justify="space-between" align="center" className="bell-panel-head">
        <Typography.Text strong>{t('notify.bell.title')}</Typography.Text>
        <Button
          size="small"
          type="link"
          icon={<CheckOutlined />}
          onClick={() => void readAll()}
          loading={markAllRead.isPending}
          data-testid="bell-mark-all-read"
        >
          {t('notify.inbox.markAllRead')}
        </Button>
      </Flex>
      <div className="bell-panel-list">
        {latest.isPending ? (
          <div className="bell-panel-spin">
            <Spin />
          </div>
        ) : items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.inbox.empty')} />
        ) : (
          items.map((item) => <BellItem key={item.id} item={item} onOpen={open} />)
        )}
      </div>
      <Flex justify="space-between" align="center" className="bell-panel-foot">
        <Link to="/notifications" onClick={onClose} data-testid="bell-view-all">
          {t('notify.bell.viewAll')}
        </Link>
        <Link to="/notifications/preferences" onClick={onClose}>
          <SettingOutlined /> {t('notify.nav.preferences')}
        </Link>
      </Flex>
    </div>
  );
}

/** Passes the rest of its props to the button: the Popover hands its trigger a ref and handlers. */
function BellButton({ count, label, ...rest }: { count: number; label: string } & ButtonProps) {
  return (
    <Button
      {...rest}
      type="text"
      aria-label={label}
      title={label}
      data-testid="bell"
      data-count={count}
      className="bell-trigger"
    >
      <Badge count={count} overflowCount={OVERFLOW} size="small">
        <BellOutlined style={{ fontSize: 18 }} />
      </Badge>
    </Button>
  );
}

/**
 * Header bell: unread count (polled every 30 s and on focus) and the latest items. On a narrow
 * screen a dropdown would not fit beside the bell, so the bell opens the notifications page.
 */
export function NotificationBell({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const count = unread.data?.count ?? 0;
  const label = count > 0 ? t('notify.bell.labelUnread', { count }) : t('notify.bell.title');

  if (compact) return <BellButton count={count} label={label} onClick={() => navigate('/notifications')} />;
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      arrow={false}
      destroyOnHidden
      content={<BellPanel onClose={() => setOpen(false)} />}
      styles={{ container: { padding: 0 } }}
    >
      <BellButton count={count} label={label} />
    </Popover>
  );
}
