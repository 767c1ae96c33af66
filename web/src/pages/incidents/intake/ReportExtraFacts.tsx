import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReportExtra } from '../../../api/intake-types';

const MEASURES = ['antivirus', 'firewall', 'ids'] as const;

/** Mẫu 03's extra system information as the reporter gave it; nothing when they gave none. */
export function ReportExtraFacts({ extra }: { extra: ReportExtra | undefined }) {
  const { t } = useTranslation();
  if (!extra) return null;
  const m = extra.securityMeasures;
  const measures = m ? [...MEASURES.filter((k) => m[k]).map((k) => t(`intake.measures.${k}`)), m.other ?? ''] : [];
  const rows: [label: string, value: string][] = [
    [t('intake.form.operatingSystem'), extra.operatingSystem ?? ''],
    [t('intake.form.services'), (extra.services ?? []).join(', ')],
    [t('intake.form.securityMeasures'), measures.filter(Boolean).join(', ')],
    [t('intake.form.publicIps'), (extra.publicIps ?? []).join(', ')],
    [t('intake.form.domains'), (extra.domains ?? []).join(', ')],
    [t('intake.form.systemPurpose'), extra.systemPurpose ?? ''],
    [t('intake.form.securityProvider'), extra.securityProvider ?? ''],
    [t('intake.form.connectivityProvider'), extra.connectivityProvider ?? ''],
  ];
  const given = rows.filter(([, v]) => v.trim());
  if (given.length === 0) return null;
  return (
    <>
      <Typography.Text strong style={{ display: 'block', marginTop: 16 }}>
        {t('intake.triage.extraTitle')}
      </Typography.Text>
      <Descriptions size="small" column={1} bordered data-testid="report-extra" style={{ marginTop: 8 }}>
        {given.map(([label, value]) => (
          <Descriptions.Item key={label} label={label}>
            {value}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </>
  );
}
