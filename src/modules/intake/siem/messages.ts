import type { Locale } from '../../../platform/messages-type.ts';

/** Error messages of the SIEM webhooks (#6), merged into platform/messages.ts. */
export const INTAKE_MESSAGES_SIEM = {
  siem_auth_failed: {
    vi: 'Chữ ký hoặc mã xác thực của webhook không đúng.',
    en: 'The webhook signature or token is not valid.',
  },
  siem_timestamp_stale: {
    vi: 'Dấu thời gian của webhook lệch quá {seconds} giây so với máy chủ: có thể là gửi lại (replay). Hãy kiểm tra đồng hồ của SIEM.',
    en: 'The webhook timestamp is more than {seconds} seconds away from the server clock (a possible replay). Check the SIEM clock.',
  },
  siem_source_disabled: {
    vi: 'Nguồn SIEM này đang tắt: cảnh báo không được nhận.',
    en: 'This SIEM source is disabled: alerts are not accepted.',
  },
  siem_alert_invalid: {
    vi: 'Cảnh báo không đúng cấu trúc mong đợi: {list}',
    en: 'The alert does not have the expected shape: {list}',
  },
  siem_mapping_invalid: {
    vi: 'Ánh xạ trường không hợp lệ: {list}',
    en: 'The field mapping is not valid: {list}',
  },
  siem_mapping_required: {
    vi: 'Nguồn loại "chung" (generic) cần ánh xạ trường, ít nhất là đường dẫn tiêu đề.',
    en: 'A generic source needs a field mapping, at least the title path.',
  },
} as const satisfies Record<string, Record<Locale, string>>;

const FIELD: Record<string, Record<Locale, string>> = {
  alert: { vi: 'cảnh báo', en: 'alert' },
  externalId: { vi: 'mã cảnh báo', en: 'external id' },
  title: { vi: 'tiêu đề', en: 'title' },
  description: { vi: 'mô tả', en: 'description' },
  level: { vi: 'mức', en: 'level' },
  detectedAt: { vi: 'thời điểm phát hiện', en: 'detection time' },
  observables: { vi: 'dấu hiệu', en: 'observable' },
};

const REASON: Record<string, Record<Locale, string>> = {
  not_object: { vi: 'nội dung phải là một đối tượng JSON', en: 'the body must be a JSON object' },
  path_invalid: { vi: 'đường dẫn không hợp lệ', en: 'the path is not valid' },
  missing: { vi: 'không có giá trị', en: 'no value there' },
  not_text: { vi: 'không phải chuỗi hoặc số', en: 'not a string or number' },
  not_number: { vi: 'không phải số (hoặc tên mức đã khai báo)', en: 'not a number (or a declared level name)' },
  not_time: { vi: 'không phải thời điểm (ISO 8601 hoặc Unix)', en: 'not a time (ISO 8601 or Unix)' },
};

/** "title (rule.description): no value there; level (rule.level): not a number …" in the reader's language. */
export function describeProblems(
  problems: readonly { field: string; reason: string; path: string }[],
  locale: Locale,
): string {
  return problems
    .slice(0, 10)
    .map((p) => {
      const field = FIELD[p.field]?.[locale] ?? p.field;
      const reason = REASON[p.reason]?.[locale] ?? p.reason;
      return p.path ? `${field} (${p.path.slice(0, 100)}): ${reason}` : `${field}: ${reason}`;
    })
    .join('; ');
}
