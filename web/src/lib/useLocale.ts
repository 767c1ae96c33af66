import { useTranslation } from 'react-i18next';
import { isLocale, type Locale } from '../api/types';
import { DEFAULT_LOCALE } from '../i18n';

/** Current interface language; re-renders the caller when it changes. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  return isLocale(lang) ? lang : DEFAULT_LOCALE;
}
