import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { IncidentStatus, Pap, Severity, Tlp } from '../../../api/cases-types';

const SEVERITY_COLOR: Record<Severity, string> = { low: 'default', medium: 'gold', high: 'orange', critical: 'red' };
const STATUS_COLOR: Record<IncidentStatus, string> = {
  new: 'blue',
  triage: 'geekblue',
  containment: 'volcano',
  eradication: 'orange',
  recovery: 'cyan',
  resolved: 'green',
  closed: 'default',
  rejected: 'default',
  duplicate: 'default',
};
/** TLP 2.0 colours (FIRST): RED, AMBER, GREEN, CLEAR. */
const TLP_STYLE: Record<Tlp, { background: string; color: string }> = {
  red: { background: '#ff2b2b', color: '#fff' },
  'amber+strict': { background: '#ffc000', color: '#000' },
  amber: { background: '#ffc000', color: '#000' },
  green: { background: '#33ff00', color: '#000' },
  clear: { background: '#fff', color: '#000' },
};

export function SeverityTag({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return <Tag color={SEVERITY_COLOR[severity]}>{t(`cases.severity.${severity}`)}</Tag>;
}

export function StatusTag({ status }: { status: IncidentStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="incident-status">
      {t(`cases.status.${status}`)}
    </Tag>
  );
}

export function TlpTag({ tlp }: { tlp: Tlp }) {
  return (
    <Tag style={{ ...TLP_STYLE[tlp], borderColor: '#000', fontWeight: 600 }} data-testid="incident-tlp">
      TLP:{tlp.toUpperCase()}
    </Tag>
  );
}

export function PapTag({ pap }: { pap: Pap }) {
  return <Tag>PAP:{pap.toUpperCase()}</Tag>;
}
