import type { Locale } from '../../../platform/messages-type.ts';

/** Error messages of the incidents module (core), merged into platform/messages.ts. */
export const INCIDENT_MESSAGES_CORE = {
  incident_type_unknown: {
    vi: 'Loại sự cố "{code}" không có hoặc đã ngừng dùng.',
    en: 'Incident type "{code}" does not exist or is no longer in use.',
  },
  organisation_unknown: { vi: 'Không tìm thấy đơn vị.', en: 'Organisation not found.' },
  system_unknown: { vi: 'Không tìm thấy hệ thống thông tin.', en: 'Information system not found.' },
  user_unknown: { vi: 'Không tìm thấy người dùng.', en: 'User not found.' },
} as const satisfies Record<string, Record<Locale, string>>;
