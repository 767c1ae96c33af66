import type { Locale } from '../../../platform/messages-type.ts';

/** Messages of scan coverage and SLA views (#7), merged into platform/messages.ts. */
export const SCAN_COVERAGE_MESSAGES = {
  scans_coverage_other_organisation: {
    vi: 'Bạn chỉ xem được độ phủ quét và phát hiện quá hạn của đơn vị mình.',
    en: 'You may see scan coverage and overdue findings only for your own organisation.',
  },
} satisfies Record<string, Record<Locale, string>>;
