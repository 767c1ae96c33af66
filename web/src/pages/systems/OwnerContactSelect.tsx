import { Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOrganisation } from '../../api/hooks';
import type { SystemContact } from '../../api/systems-types';

interface OwnerContactSelectProps {
  ownerOrgId: string | null | undefined;
  /** the contact the system names now: still shown when the owner's list cannot be read */
  current?: SystemContact | null;
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
}

function contactLabel(c: { personName: string; personRole?: string | null; phone247?: string | null }): string {
  return [c.personName, c.personRole, c.phone247].filter(Boolean).join(' · ');
}

/** The owner organisation's contact points; reloads when the owner changes. */
export function OwnerContactSelect({ ownerOrgId, current, value, onChange, id }: OwnerContactSelectProps) {
  const { t } = useTranslation();
  const org = useOrganisation(ownerOrgId, { silent: true });
  const contacts = org.data?.contacts ?? [];
  const options = contacts.map((c) => ({ value: c.id, label: contactLabel(c) }));
  if (current && value === current.id && !contacts.some((c) => c.id === current.id))
    options.push({ value: current.id, label: contactLabel(current) });
  const unreadable = Boolean(ownerOrgId) && org.isError;
  return (
    <>
      <Select
        id={id}
        value={value ?? undefined}
        onChange={(v) => onChange?.(v ?? null)}
        options={options}
        allowClear
        loading={org.isFetching}
        disabled={!ownerOrgId || unreadable}
        placeholder={ownerOrgId ? t('systems.ownerContactPlaceholder') : t('systems.ownerContactNoOwner')}
        data-testid="system-owner-contact-select"
      />
      {unreadable ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('systems.ownerContactUnavailable')}
        </Typography.Text>
      ) : null}
    </>
  );
}
