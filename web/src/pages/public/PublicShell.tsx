import { Segmented } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isLocale, type Locale } from '../../api/types';
import { Logo } from '../../components/Logo';
import { setLocale } from '../../i18n';
import { useLocale } from '../../lib/useLocale';
import './public.css';

/** The frame of the public pages: the logo, a language switch (Vietnamese first), the content. */
export function PublicShell({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const locale = useLocale();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <div className="public-page">
      <header className="public-header">
        <Logo />
        <Segmented<Locale>
          aria-label={t('publicIntake.language')}
          value={locale}
          onChange={(value) => {
            if (isLocale(value)) void setLocale(value);
          }}
          options={[
            { value: 'vi', label: <span data-testid="public-lang-vi">{t('language.vi')}</span> },
            { value: 'en', label: <span data-testid="public-lang-en">{t('language.en')}</span> },
          ]}
        />
      </header>
      <main>{children}</main>
    </div>
  );
}
