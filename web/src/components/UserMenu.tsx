import { BellOutlined, CheckOutlined, GlobalOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Avatar, Button, Dropdown, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { setCsrfToken } from '../api/client';
import { useLogout } from '../api/hooks';
import type { Locale, Me } from '../api/types';
import { notifyInfo } from '../lib/notify';
import { useChangeLanguage } from '../lib/useChangeLanguage';
import { useLocale } from '../lib/useLocale';

/** The given name's initial: in Vietnamese names the last word that is a word (not "(demo)"). */
function initials(name: string): string {
  const words = name
    .trim()
    .split(/\s+/)
    .filter((w) => /^\p{L}/u.test(w));
  return (words.at(-1)?.[0] ?? '?').toUpperCase();
}

export function UserMenu({ me, compact = false }: { me: Me; compact?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const logout = useLogout();
  const changeLanguage = useChangeLanguage();

  const doLogout = async () => {
    try {
      await logout.mutateAsync();
    } catch {
      // the session is gone either way
    }
    setCsrfToken(null);
    navigate('/login', { replace: true });
    queryClient.clear();
    notifyInfo(t('userMenu.loggedOut'));
  };

  const languageItem = (lng: Locale) => ({
    key: `lang-${lng}`,
    icon: locale === lng ? <CheckOutlined /> : <span className="menu-icon-placeholder" />,
    label: <span data-testid={`lang-switch-${lng}`}>{t(`language.${lng}`)}</span>,
    onClick: () => void changeLanguage(lng),
  });

  const items: MenuProps['items'] = [
    {
      key: 'who',
      type: 'group',
      label: (
        <span className="user-menu-who">
          {me.displayName}
          <br />@{me.username}
        </span>
      ),
    },
    { type: 'divider' },
    {
      key: 'profile',
      icon: <UserOutlined />,
      label: <span data-testid="user-menu-profile">{t('userMenu.profile')}</span>,
      onClick: () => navigate('/profile'),
    },
    {
      key: 'notify-preferences',
      icon: <BellOutlined />,
      label: <span data-testid="user-menu-notify-preferences">{t('notify.nav.preferences')}</span>,
      onClick: () => navigate('/notifications/preferences'),
    },
    {
      key: 'language',
      type: 'group',
      label: (
        <span>
          <GlobalOutlined /> {t('userMenu.language')}
        </span>
      ),
      children: [languageItem('vi'), languageItem('en')],
    },
    { type: 'divider' },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="user-menu-logout">{t('userMenu.logout')}</span>,
      onClick: () => void doLogout(),
    },
  ];

  return (
    <Dropdown menu={{ items }} trigger={['click']} placement="bottomRight">
      <Button type="text" data-testid="user-menu" className="user-menu-trigger" aria-label={me.displayName}>
        <Avatar size="small" style={{ backgroundColor: '#1f4e8c' }}>
          {initials(me.displayName)}
        </Avatar>
        {compact ? null : <span className="user-menu-name">{me.displayName}</span>}
      </Button>
    </Dropdown>
  );
}
