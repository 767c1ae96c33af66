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
  scans_upload_empty: { vi: 'Tệp kết quả quét rỗng.', en: 'The scan file is empty.' },
  scans_format_invalid: { vi: 'Định dạng kết quả quét không hợp lệ.', en: 'Unknown scan format.' },
  scans_job_interrupted: {
    vi: 'Việc nhập bị dừng giữa chừng (máy chủ khởi động lại); không có gì được ghi. Hãy tải tệp lên lại.',
    en: 'The import was cut off (the server restarted); nothing was written. Upload the file again.',
  },
  scans_job_failed: {
    vi: 'Nhập kết quả quét thất bại do lỗi hệ thống.',
    en: 'The scan import failed because of an internal error.',
  },
  scans_assign_system_unknown: { vi: 'Không có hệ thống thông tin này.', en: 'There is no such information system.' },
  scans_asset_assigned: {
    vi: 'Máy chủ này đã được gán cho một hệ thống.',
    en: 'This host is already assigned to a system.',
  },
  findings_action_forbidden: {
    vi: 'Bạn không được thực hiện thao tác này với lỗ hổng.',
    en: 'You may not take this action on the finding.',
  },
  findings_transition_invalid: {
    vi: 'Trạng thái hiện tại của lỗ hổng không cho phép thao tác này.',
    en: 'The finding’s current status does not allow this action.',
  },
  findings_status_changed: {
    vi: 'Lỗ hổng vừa được người khác đổi trạng thái; hãy tải lại.',
    en: 'Someone changed the finding’s status meanwhile; reload it.',
  },
  findings_reason_required: { vi: 'Hãy ghi lý do.', en: 'Give a reason.' },
  findings_expiry_required: {
    vi: 'Chấp nhận rủi ro cần ngày hết hạn.',
    en: 'A risk acceptance needs an expiry date.',
  },
  findings_expiry_past: { vi: 'Ngày hết hạn phải ở tương lai.', en: 'The expiry date must be in the future.' },
  findings_bulk_too_many: {
    vi: 'Mỗi lần chỉ được thao tác tối đa {max} lỗ hổng.',
    en: 'At most {max} findings per bulk action.',
  },
} satisfies Record<string, Record<Locale, string>>;
