import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import 'dayjs/locale/en';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isLocale, type Locale } from '../api/types';
import { en, vi } from './resources';

export const DEFAULT_LOCALE: Locale = 'vi';
const STORAGE_KEY = 'canhgac.locale';

export function storedLocale(): Locale {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    if (isLocale(value)) return value;
  } catch {
    // storage unavailable (private mode): fall back to the default
  }
  return DEFAULT_LOCALE;
}

function rememberLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // ignore
  }
}

/** Current interface language (always `vi` or `en`). */
export function currentLocale(): Locale {
  const lang = i18n.resolvedLanguage ?? i18n.language;
  return isLocale(lang) ? lang : DEFAULT_LOCALE;
}

/** Switches the interface language immediately and remembers it in this browser. */
export async function setLocale(locale: Locale): Promise<void> {
  rememberLocale(locale);
  if (currentLocale() !== locale) await i18n.changeLanguage(locale);
}

function applyLocale(lng: string): void {
  const locale = isLocale(lng) ? lng : DEFAULT_LOCALE;
  dayjs.locale(locale);
  document.documentElement.lang = locale;
}

i18n.on('languageChanged', applyLocale);

void i18n.use(initReactI18next).init({
  resources: {
    vi: { translation: vi },
    en: { translation: en },
  },
  lng: storedLocale(),
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: ['vi', 'en'],
  nonExplicitSupportedLngs: false,
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

applyLocale(i18n.language);

export default i18n;
