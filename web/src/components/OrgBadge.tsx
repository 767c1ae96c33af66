import { BankOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types';
import { useLocale } from '../lib/useLocale';
import { kindLabel, orgName } from './labels';

/** The signed-in user's organisation: code + name, full details in the tooltip. */
export function OrgBadge({ me, compact = false }: { me: Me; compact?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const name = orgName(me.organisation, locale);
  return (
    <Tooltip title={`${t('header.organisation')}: ${name} (${kindLabel(t, me.organisation.kind)})`}>
      <Tag data-testid="org-badge" color="geekblue" icon={<BankOutlined />} className="org-badge">
        <strong>{me.organisation.code}</strong>
        {compact ? null : <span className="org-badge-name"> · {name}</span>}
      </Tag>
    </Tooltip>
  );
}
