import { ApartmentOutlined, SearchOutlined, UserOutlined } from '@ant-design/icons';
import { AutoComplete, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSearch } from '../api/hooks';
import { useDebounced } from '../lib/useDebounced';
import { useLocale } from '../lib/useLocale';
import { orgName } from './labels';

// The search box's <input>, given to rc-select as a component (not an element) so it can
// carry the data-testid used by browser tests.
// rc-select renders no placeholder of its own for a custom input in combobox mode.
function SearchInput(props: React.ComponentProps<'input'>) {
  const { t } = useTranslation();
  return <input {...props} placeholder={t('header.searchPlaceholder')} data-testid="global-search" />;
}
const searchComponents = { input: SearchInput };

const ORG_PREFIX = 'org:';
const USER_PREFIX = 'user:';

/** Header search over organisations and users (diacritics-insensitive on the server). */
export function GlobalSearch() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const q = useDebounced(text.trim(), 300);
  const search = useSearch(q);

  const options = useMemo(() => {
    if (q.length < 2) return [];
    const data = search.data;
    if (!data) return [];
    const groups = [];
    if (data.organisations.length > 0) {
      groups.push({
        label: (
          <Typography.Text type="secondary">
            <ApartmentOutlined /> {t('header.searchOrganisations')}
          </Typography.Text>
        ),
        options: data.organisations.map((org) => ({
          value: `${ORG_PREFIX}${org.id}`,
          label: (
            <div className="search-option" data-testid="search-result-organisation">
              <Typography.Text strong>{org.code}</Typography.Text>{' '}
              <Typography.Text>{orgName(org, locale)}</Typography.Text>
            </div>
          ),
        })),
      });
    }
    if (data.users.length > 0) {
      groups.push({
        label: (
          <Typography.Text type="secondary">
            <UserOutlined /> {t('header.searchUsers')}
          </Typography.Text>
        ),
        options: data.users.map((user) => ({
          value: `${USER_PREFIX}${user.id}|${user.username}`,
          label: (
            <div className="search-option" data-testid="search-result-user">
              <Typography.Text strong>{user.displayName}</Typography.Text>{' '}
              <Typography.Text type="secondary">
                @{user.username} · {user.organisationCode}
              </Typography.Text>
            </div>
          ),
        })),
      });
    }
    return groups;
  }, [search.data, q, t, locale]);

  const onSelect = (value: string) => {
    setText('');
    setOpen(false);
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    if (value.startsWith(ORG_PREFIX)) {
      navigate(`/registry?org=${encodeURIComponent(value.slice(ORG_PREFIX.length))}`);
    } else if (value.startsWith(USER_PREFIX)) {
      // There is no single-user page yet: open the user list filtered on that username.
      const username = value.slice(value.indexOf('|') + 1);
      navigate(`/admin/users?q=${encodeURIComponent(username)}`);
    }
  };

  const notFound =
    q.length < 2 ? (
      <Typography.Text type="secondary">{t('header.searchHint')}</Typography.Text>
    ) : search.isFetching ? (
      <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>
    ) : (
      <Typography.Text type="secondary">{t('header.searchNoResults')}</Typography.Text>
    );

  return (
    <AutoComplete<string>
      className="global-search"
      value={text}
      options={options}
      onChange={(value) => {
        const typed = value.startsWith(ORG_PREFIX) || value.startsWith(USER_PREFIX) ? '' : value;
        setText(typed);
        setOpen(typed.trim().length > 0);
      }}
      open={open && text.trim().length > 0}
      onOpenChange={setOpen}
      onSelect={onSelect}
      notFoundContent={text.trim() ? notFound : null}
      popupMatchSelectWidth={360}
      showSearch={{ filterOption: false }}
      components={searchComponents}
      prefix={<SearchOutlined />}
      aria-label={t('common.search')}
      allowClear
    />
  );
}
