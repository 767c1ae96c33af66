import type { Locale } from '../../../platform/messages-type.ts';

/** Error messages of the incidents module (casework), merged into platform/messages.ts. */
export const INCIDENT_MESSAGES_CASEWORK = {
  observables_empty: {
    vi: 'Hãy nhập ít nhất một dấu hiệu hoặc dán văn bản chứa dấu hiệu.',
    en: 'Give at least one observable, or paste text that contains some.',
  },
  observables_too_many: {
    vi: 'Mỗi lần chỉ thêm được tối đa {max} dấu hiệu (đã tìm thấy {count}).',
    en: 'At most {max} observables can be added at once ({count} found).',
  },
  observable_unknown: { vi: 'Không tìm thấy dấu hiệu này trong sự cố.', en: 'This observable is not on the incident.' },
  timeline_future: {
    vi: 'Thời điểm xảy ra không được ở tương lai.',
    en: 'The time it happened cannot be in the future.',
  },
  comment_internal_ir_only: {
    vi: 'Chỉ đội ứng cứu được viết bình luận nội bộ; bình luận của bạn sẽ được chia sẻ.',
    en: 'Only the IR team writes internal comments; yours are shared.',
  },
  incident_other_unknown: {
    vi: 'Không tìm thấy sự cố "{ref}".',
    en: 'Incident "{ref}" not found.',
  },
  incident_other_missing: {
    vi: 'Hãy chọn sự cố kia (mã hoặc số hiệu).',
    en: 'Choose the other incident (id or number).',
  },
  link_self: { vi: 'Không thể liên kết sự cố với chính nó.', en: 'An incident cannot be linked to itself.' },
  link_unknown: { vi: 'Hai sự cố này chưa được liên kết.', en: 'These incidents are not linked.' },
  link_history: {
    vi: 'Liên kết "{kind}" ghi lại lịch sử gộp/tách sự cố nên không thể đổi hay xoá.',
    en: 'A "{kind}" link records a merge or split and cannot be changed or removed.',
  },
  merge_tlp_looser: {
    vi: 'Không thể gộp sự cố TLP:{source} vào sự cố TLP:{target} (mức chia sẻ rộng hơn): hãy nâng TLP của sự cố đích trước.',
    en: 'A TLP:{source} incident cannot be merged into a TLP:{target} one (shared more widely): raise the target’s TLP first.',
  },
  merge_self: { vi: 'Không thể gộp sự cố vào chính nó.', en: 'An incident cannot be merged into itself.' },
  merge_source_merged: {
    vi: 'Sự cố này đã được gộp vào sự cố khác.',
    en: 'This incident has already been merged into another one.',
  },
  merge_target_merged: {
    vi: 'Không thể gộp vào sự cố đã được gộp vào sự cố khác.',
    en: 'Cannot merge into an incident that was itself merged into another.',
  },
  split_item_unknown: {
    vi: 'Có mục được chọn ({kind}) không thuộc sự cố này.',
    en: 'A chosen item ({kind}) does not belong to this incident.',
  },
} as const satisfies Record<string, Record<Locale, string>>;
