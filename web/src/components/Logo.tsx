import { useTranslation } from 'react-i18next';

export function LogoMark({ size = 32 }: { size?: number }) {
  return <img src="/favicon.svg" width={size} height={size} alt="" aria-hidden="true" />;
}

/** App name and subtitle, for the sidebar and the login page. */
export function Logo({ compact = false, dark = true }: { compact?: boolean; dark?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={`logo ${dark ? 'logo-dark' : 'logo-light'}`}>
      <LogoMark />
      {compact ? null : (
        <div className="logo-text">
          <div className="logo-name">{t('app.name')}</div>
          <div className="logo-subtitle">{t('app.subtitle')}</div>
        </div>
      )}
    </div>
  );
}
