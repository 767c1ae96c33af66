import type { Locale } from '../../../platform/messages-type.ts';

/** Error messages of the incidents module (reports), merged into platform/messages.ts. */
export const INCIDENT_MESSAGES_REPORTS = {
  report_observables_invalid: {
    vi: 'Các dấu hiệu (observable) sau không hợp lệ: {list}',
    en: 'These observables are not valid: {list}',
  },
  report_files_invalid: {
    vi: 'Tệp đính kèm không tồn tại hoặc không do bạn tải lên.',
    en: 'An attachment does not exist or was not uploaded by you.',
  },
  report_system_unknown: {
    vi: 'Không tìm thấy hệ thống thông tin này trong các hệ thống bạn được xem.',
    en: 'This information system is not among the systems you may see.',
  },
  report_already_triaged: {
    vi: 'Báo cáo này đã được phân loại.',
    en: 'This report has already been triaged.',
  },
  report_no_organisation: {
    vi: 'Chưa xác định được đơn vị có sự cố: hãy chọn đơn vị.',
    en: 'The organisation of the incident is not known: choose one.',
  },
  report_reporter_required: {
    vi: 'Chỉ người dùng đăng nhập mới gửi được báo cáo.',
    en: 'Only a signed-in user can submit a report.',
  },
} as const satisfies Record<string, Record<Locale, string>>;
