import { Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganisation, useOrganisations } from '../api/hooks';
import { useDebounced } from '../lib/useDebounced';
import { useLocale } from '../lib/useLocale';
import { orgName } from './labels';

interface OrgSelectProps {
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  disabled?: boolean;
  allowClear?: boolean;
  /** Organisation to leave out (an organisation cannot be its own parent or successor). */
  excludeId?: string;
  style?: React.CSSProperties;
  id?: string;
  'data-testid'?: string;
}

/** Searchable organisation picker backed by `GET /api/organisations?q=`. */
export function OrgSelect({
  value,
  onChange,
  placeholder,
  disabled,
  allowClear = true,
  excludeId,
  style,
  id,
  'data-testid': testId,
}: OrgSelectProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  // The first 20 are loaded as soon as the picker is shown, so that the dropdown does not
  // change size under the pointer when it opens.
  const list = useOrganisations({ q: q || undefined }, { limit: 20 });
  const selected = useOrganisation(value);

  const options = useMemo(() => {
    const items = list.data?.items ?? [];
    const result = items
      .filter((org) => org.id !== excludeId)
      .map((org) => ({
        value: org.id,
        label: `${org.code} — ${orgName(org, locale)}`,
      }));
    if (value && !result.some((option) => option.value === value)) {
      const org = selected.data;
      result.unshift({
        value,
        label: org ? `${org.code} — ${orgName(org, locale)}` : t('common.loading'),
      });
    }
    return result;
  }, [list.data, selected.data, value, excludeId, locale, t]);

  return (
    <Select<string>
      id={id}
      data-testid={testId}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      onClear={() => onChange?.(null)}
      options={options}
      placeholder={placeholder ?? t('organisations.selectPlaceholder')}
      disabled={disabled}
      allowClear={allowClear}
      loading={list.isFetching}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={list.isFetching ? t('common.loading') : t('organisations.empty')}
      style={{ minWidth: 240, ...style }}
      popupMatchSelectWidth={false}
    />
  );
}
