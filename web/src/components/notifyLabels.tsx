import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DeliveryStatus, NotificationCategory, NotificationChannel, Tlp } from '../api/notify-types';

const CATEGORY_COLORS: Record<NotificationCategory, string> = {
  incident: 'red',
  vulnerability: 'orange',
  advisory: 'gold',
  intel: 'purple',
  readiness: 'cyan',
  coordination: 'geekblue',
  system: 'default',
};

const STATUS_COLORS: Record<DeliveryStatus, string> = {
  queued: 'processing',
  retrying: 'warning',
  sent: 'success',
  failed: 'error',
};

/** TLP 2.0 label as the standard prints it: coloured capitals on black, never translated. */
export function TlpTag({ tlp }: { tlp: Tlp }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`notify.tlpHint.${tlp}`)}>
      <span className={`tlp-badge tlp-${tlp.replace('+', '-')}`} data-testid="tlp-badge">
        TLP:{tlp.toUpperCase()}
      </span>
    </Tooltip>
  );
}

export function CategoryTag({ category }: { category: NotificationCategory }) {
  const { t } = useTranslation();
  return <Tag color={CATEGORY_COLORS[category] ?? 'default'}>{t(`notify.categories.${category}`)}</Tag>;
}

export function DeliveryStatusTag({ status }: { status: DeliveryStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid={`delivery-status-${status}`}>
      {t(`notify.statuses.${status}`)}
    </Tag>
  );
}

export function ChannelLabel({ channel }: { channel: NotificationChannel }) {
  const { t } = useTranslation();
  return <>{t(`notify.channels.${channel}`)}</>;
}

/** Who sent a notification: a username, or `system:…` for the platform itself. */
export function actorLabel(actor: string, systemText: string): string {
  return actor.startsWith('system:') ? systemText : actor;
}
