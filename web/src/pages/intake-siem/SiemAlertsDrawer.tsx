import { Drawer, Table, type TableColumnsType, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { type SiemAlert, type SiemSource, useSiemAlerts } from '../../api/siem-intake';
import { formatDateTime } from '../../lib/dates';

/** The latest alerts of one source, with the report each created or joined. */
export function SiemAlertsDrawer({ source, onClose }: { source: SiemSource | null; onClose: () => void }) {
  const { t } = useTranslation();
  const alerts = useSiemAlerts(source?.id);
  const columns: TableColumnsType<SiemAlert> = [
    { title: t('siem.detectedAt'), dataIndex: 'receivedAt', render: (v: string) => formatDateTime(v) },
    { title: t('siem.alertTitle'), dataIndex: 'title' },
    { title: t('siem.level'), dataIndex: 'level', render: (v: number | null) => v ?? '—' },
    {
      title: t('siem.report'),
      key: 'report',
      render: (_: unknown, a) => (
        <span>
          <code>{a.report.trackingNo}</code>{' '}
          <Tag color={a.queued ? 'blue' : undefined}>{a.queued ? t('siem.queued') : t('siem.logged')}</Tag>
        </span>
      ),
    },
  ];
  return (
    <Drawer
      open={source !== null}
      onClose={onClose}
      size="large"
      title={t('siem.recentAlerts', { name: source?.name ?? '' })}
      destroyOnHidden
    >
      <Table<SiemAlert>
        rowKey="id"
        size="small"
        loading={alerts.isLoading}
        dataSource={alerts.data?.items ?? []}
        columns={columns}
        pagination={false}
        data-testid="siem-alerts-table"
      />
    </Drawer>
  );
}
