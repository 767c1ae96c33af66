import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { queryKeys } from '../api/hooks';
import type { Locale, Me } from '../api/types';
import { setLocale } from '../i18n';
import { notifyError } from './notify';

/**
 * Switches the interface language at once and, when signed in, stores the choice in the
 * user's profile (`PATCH /api/me {locale}`) so that the server uses it too.
 */
export function useChangeLanguage() {
  const queryClient = useQueryClient();
  const { i18n } = useTranslation();
  return async (locale: Locale) => {
    await setLocale(locale);
    const me = queryClient.getQueryData<Me>(queryKeys.me);
    if (!me || me.locale === locale) return;
    try {
      const updated = await api.updateMe({ locale });
      queryClient.setQueryData(queryKeys.me, updated);
    } catch (error) {
      if (i18n.language === locale) notifyError(error);
    }
  };
}
