import type { Locale } from '../../../platform/messages-type.ts';

/** Error messages of the incidents module (cases), merged into platform/messages.ts. */
export const INCIDENT_MESSAGES_CASES = {
  incident_version_conflict: {
    vi: 'Sự cố vừa được người khác sửa (phiên bản {current}). Hãy tải lại rồi sửa tiếp.',
    en: 'Someone else changed this incident (now version {current}). Reload it and try again.',
  },
  incident_transition_invalid: {
    vi: 'Không thể chuyển trạng thái từ "{from}" sang "{to}".',
    en: 'The status cannot change from "{from}" to "{to}".',
  },
  incident_closure_required: {
    vi: 'Đóng sự cố cần các thông tin cho Mẫu 05: hình thức xử lý, thiệt hại ước tính, tóm tắt và nguyên nhân.',
    en: 'Closing an incident needs the Form 05 facts: how it was handled, estimated damage, summary and root cause.',
  },
  incident_serious_invalid: {
    vi: 'Câu trả lời bảng kiểm sự cố nghiêm trọng không hợp lệ: {error}',
    en: 'The serious-incident checklist answers are not valid: {error}',
  },
  incident_one_lead: {
    vi: 'Mỗi sự cố chỉ có một người chủ trì.',
    en: 'An incident has only one lead.',
  },
  incident_owner_required: {
    vi: 'Đơn vị chủ quản của sự cố phải nằm trong danh sách đơn vị bị ảnh hưởng.',
    en: 'The incident’s own organisation must stay among the affected organisations.',
  },
  saved_view_name_taken: {
    vi: 'Bạn đã có một bộ lọc tên "{name}".',
    en: 'You already have a view named "{name}".',
  },
  incident_red_needs_member: {
    vi: 'Sự cố TLP:RED chỉ người được chỉ định mới xem được: cần giữ ít nhất một người.',
    en: 'A TLP:RED incident is seen only by the users named on it: keep at least one.',
  },
  incident_merged_status: {
    vi: 'Sự cố {number} đã được gộp vào sự cố khác: nội dung của nó nằm ở đó, trạng thái giữ nguyên là trùng lặp.',
    en: 'Incident {number} was merged into another one: its contents are there, and it stays a duplicate.',
  },
  incident_merged_attach: {
    vi: 'Sự cố {number} đã được gộp vào sự cố khác: hãy gắn báo cáo vào sự cố đó.',
    en: 'Incident {number} was merged into another one: attach the report there.',
  },
} as const satisfies Record<string, Record<Locale, string>>;
