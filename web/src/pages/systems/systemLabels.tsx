import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../api/systems-types';

const LEVEL_COLORS = ['default', 'green', 'blue', 'orange', 'red', 'magenta'];

export function LevelTag({ level }: { level: number | null }) {
  const { t } = useTranslation();
  if (level == null) return <Tag>{t('systems.levelNone')}</Tag>;
  return (
    <Tag color={LEVEL_COLORS[level] ?? 'default'} data-testid="system-level">
      {t('systems.levelN', { level })}
    </Tag>
  );
}

const STATUS_COLORS: Record<SystemStatus, string> = { planned: 'gold', active: 'green', retired: 'default' };

export function StatusTag({ status }: { status: SystemStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`systems.statuses.${status}`)}</Tag>;
}
