import type { Locale } from '../../../platform/messages-type.ts';

/** Error messages of the incidents module (tasks), merged into platform/messages.ts. */
export const INCIDENT_MESSAGES_TASKS = {
  incident_type_code_taken: {
    vi: 'Mã loại sự cố "{code}" đã có (kể cả loại đã ngừng dùng): mã không được dùng lại, hãy chọn mã khác.',
    en: 'Incident type code "{code}" already exists (possibly deactivated): codes are never reused, choose another.',
  },
  incident_type_not_found: { vi: 'Không có loại sự cố "{code}".', en: 'No incident type "{code}".' },
  incident_type_rsit_invalid: {
    vi: 'Cặp phân loại RSIT "{class}/{type}" không có trong danh mục ENISA RSIT.',
    en: 'RSIT class/type "{class}/{type}" is not a pair of the ENISA RSIT.',
  },
  playbook_not_found: { vi: 'Không có kịch bản ứng cứu "{code}".', en: 'No response playbook "{code}".' },
  playbook_inactive: {
    vi: 'Kịch bản ứng cứu "{code}" đã ngừng dùng.',
    en: 'Response playbook "{code}" is no longer in use.',
  },
  playbook_code_taken: {
    vi: 'Mã kịch bản "{code}" đã có: hãy sửa kịch bản đó hoặc chọn mã khác.',
    en: 'Playbook code "{code}" already exists: edit that playbook or choose another code.',
  },
  playbook_code_mismatch: {
    vi: 'Mã trong nội dung kịch bản ("{id}") phải trùng với mã trên đường dẫn ("{code}").',
    en: 'The playbook id in the body ("{id}") must match the code in the address ("{code}").',
  },
  playbook_body_invalid: {
    vi: 'Nội dung kịch bản không hợp lệ: {detail}',
    en: 'The playbook is not valid: {detail}',
  },
  playbook_type_unknown: {
    vi: 'Kịch bản dùng loại sự cố "{code}" chưa có trong danh mục.',
    en: 'The playbook names incident type "{code}", which is not in the list.',
  },
  task_not_found: { vi: 'Không tìm thấy nhiệm vụ.', en: 'Task not found.' },
  task_needs_evidence: {
    vi: 'Nhiệm vụ "{title}" yêu cầu chứng cứ: hãy tải lên ít nhất một chứng cứ gắn với nhiệm vụ trước khi đánh dấu hoàn thành.',
    en: 'Task "{title}" requires evidence: upload at least one evidence item linked to it before marking it done.',
  },
  task_assignee_cannot_see: {
    vi: 'Không thể giao nhiệm vụ cho người dùng này: họ không được xem sự cố.',
    en: 'This user cannot be assigned the task: they may not see the incident.',
  },
  task_checklist_index: {
    vi: 'Mục kiểm tra số {index} không có trong nhiệm vụ.',
    en: 'Checklist item {index} does not exist on this task.',
  },
  evidence_file_unknown: {
    vi: 'Không tìm thấy tệp đã tải lên (tệp phải do chính bạn tải lên qua mục tải tệp).',
    en: 'Uploaded file not found (it must be a file you uploaded yourself).',
  },
  evidence_not_found: { vi: 'Không tìm thấy chứng cứ.', en: 'Evidence not found.' },
  evidence_task_foreign: {
    vi: 'Nhiệm vụ được chọn không thuộc sự cố này.',
    en: 'The chosen task does not belong to this incident.',
  },
  evidence_collected_future: {
    vi: 'Thời điểm thu thập chứng cứ không thể ở tương lai.',
    en: 'The evidence collection time cannot be in the future.',
  },
} as const satisfies Record<string, Record<Locale, string>>;
