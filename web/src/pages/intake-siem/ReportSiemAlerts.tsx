import { Collapse, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReportSiemAlerts } from '../../api/siem-intake';
import { formatDateTime } from '../../lib/dates';

/** On a report from a SIEM: the alerts grouped into it, oldest first, each with its JSON. */
export function ReportSiemAlerts({ reportId, source }: { reportId: string; source: string }) {
  const { t } = useTranslation();
  const alerts = useReportSiemAlerts(reportId, source === 'siem');
  const items = alerts.data?.items ?? [];
  if (source !== 'siem' || items.length === 0) return null;
  return (
    <div style={{ margin: '16px 0' }} data-testid="report-siem-alerts">
      <Typography.Text strong>{t('siem.reportAlertsTitle', { count: items.length })}</Typography.Text>
      <Collapse
        size="small"
        style={{ marginTop: 8 }}
        items={items.map((a) => ({
          key: a.id,
          label: (
            <Space wrap data-testid="report-siem-alert">
              <Typography.Text type="secondary">{formatDateTime(a.receivedAt)}</Typography.Text>
              {a.level === null ? null : <Tag>{`${t('siem.level')} ${a.level}`}</Tag>}
              <span>{a.title}</span>
              <code>{a.externalId}</code>
            </Space>
          ),
          children: (
            <>
              <Typography.Text type="secondary">
                {t('siem.raw')} {a.rawTruncated ? t('siem.rawTruncated') : ''}
              </Typography.Text>
              <pre style={{ maxHeight: 320, overflow: 'auto', fontSize: 12 }}>{pretty(a.raw)}</pre>
            </>
          ),
        }))}
      />
    </div>
  );
}

function pretty(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}
