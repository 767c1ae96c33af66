import type { Locale } from '../../platform/messages-type.ts';

/** Error messages of scan imports and findings (#7), merged into platform/messages.ts. */
export const SCAN_MESSAGES = {
  scans_system_unknown: {
    vi: 'Không có hệ thống thông tin mã "{code}".',
    en: 'There is no information system with code "{code}".',
  },
  scans_system_required: {
    vi: 'Định dạng {format} không ghi máy chủ: hãy chỉ rõ hệ thống (--system).',
    en: 'The {format} format names no hosts: give the system (--system).',
  },
  scans_system_forbidden: {
    vi: 'Bạn chỉ được nhập kết quả quét cho hệ thống của đơn vị mình.',
    en: 'You may import scan results only for your own organisation’s systems.',
  },
  scans_import_forbidden: {
    vi: 'Bạn không có quyền nhập kết quả quét.',
    en: 'You are not allowed to import scan results.',
  },
} satisfies Record<string, Record<Locale, string>>;
