import type { Question, ReasonKey } from './assess.ts';

type Text = { vi: string; en: string };

/** Checklist questions, worded after QĐ 05/2017/QĐ-TTg Điều 9. */
export const QUESTION_TEXT: Record<Question, Text> = {
  securityLevel: {
    vi: 'Hệ thống thông tin bị sự cố được xác định ở cấp độ an toàn nào (cấp độ 1–5)?',
    en: 'Which security level (1–5) has the affected information system been assigned?',
  },
  nationalCriticalList: {
    vi: 'Hệ thống có thuộc Danh mục hệ thống thông tin quan trọng quốc gia không?',
    en: 'Is the system on the national list of critical information systems?',
  },
  'impact.serviceOutage': {
    vi: 'Hệ thống có bị gián đoạn dịch vụ không?',
    en: 'Are the system’s services interrupted?',
  },
  'impact.secretDisclosure': {
    vi: 'Dữ liệu tuyệt mật hoặc bí mật nhà nước có khả năng bị tiết lộ không?',
    en: 'May top-secret or state-secret data be disclosed?',
  },
  'impact.unrecoverableIntegrityLoss': {
    vi: 'Dữ liệu quan trọng của hệ thống có bị mất tính toàn vẹn và không có khả năng khôi phục không?',
    en: 'Has important data of the system lost its integrity beyond recovery?',
  },
  'impact.lossOfControl': {
    vi: 'Hệ thống có bị mất quyền điều khiển không?',
    en: 'Has control of the system been lost?',
  },
  'impact.widespreadOrCascade': {
    vi: 'Sự cố có khả năng xảy ra trên diện rộng hoặc gây ảnh hưởng dây chuyền, làm tổn hại các hệ thống thông tin cấp độ 4, cấp độ 5 khác không?',
    en: 'May the incident spread widely or cascade and harm other level 4 or level 5 information systems?',
  },
  beyondOwnerCapacity: {
    vi: 'Chủ quản hệ thống thông tin có vượt quá khả năng tự kiểm soát, xử lý sự cố không?',
    en: 'Is the incident beyond the system owner’s capacity to control and handle it?',
  },
};

export const REASON_TEXT: Record<ReasonKey, Text> = {
  highLevel: { vi: 'Hệ thống ở cấp độ 4 hoặc cấp độ 5.', en: 'The system is at security level 4 or 5.' },
  nationalCriticalList: {
    vi: 'Hệ thống thuộc Danh mục hệ thống thông tin quan trọng quốc gia.',
    en: 'The system is on the national list of critical information systems.',
  },
  'impact.serviceOutage': {
    vi: 'Hệ thống bị gián đoạn dịch vụ (Điều 9 khoản 1 điểm a).',
    en: 'The system’s services are interrupted (Article 9(1)(a)).',
  },
  'impact.secretDisclosure': {
    vi: 'Dữ liệu tuyệt mật hoặc bí mật nhà nước có khả năng bị tiết lộ (Điều 9 khoản 1 điểm b).',
    en: 'Top-secret or state-secret data may be disclosed (Article 9(1)(b)).',
  },
  'impact.unrecoverableIntegrityLoss': {
    vi: 'Dữ liệu quan trọng mất tính toàn vẹn và không khôi phục được (Điều 9 khoản 1 điểm c).',
    en: 'Important data has lost its integrity beyond recovery (Article 9(1)(c)).',
  },
  'impact.lossOfControl': {
    vi: 'Hệ thống bị mất quyền điều khiển (Điều 9 khoản 1 điểm d).',
    en: 'Control of the system has been lost (Article 9(1)(d)).',
  },
  'impact.widespreadOrCascade': {
    vi: 'Sự cố có khả năng lan rộng hoặc ảnh hưởng dây chuyền tới hệ thống cấp độ 4, cấp độ 5 khác (Điều 9 khoản 1 điểm đ).',
    en: 'The incident may spread widely or cascade to other level 4 or 5 systems (Article 9(1)(đ)).',
  },
  beyondOwnerCapacity: {
    vi: 'Chủ quản hệ thống thông tin không đủ khả năng tự kiểm soát, xử lý sự cố (Điều 9 khoản 2).',
    en: 'The system owner cannot control and handle the incident itself (Article 9(2)).',
  },
  lowLevelNotCritical: {
    vi: 'Hệ thống dưới cấp độ 4 và không thuộc Danh mục hệ thống thông tin quan trọng quốc gia.',
    en: 'The system is below level 4 and not on the national list of critical information systems.',
  },
  noListedImpact: {
    vi: 'Sự cố không gây ra hậu quả nào nêu tại Điều 9 khoản 1 (điểm a–đ).',
    en: 'The incident has none of the impacts listed in Article 9(1)(a)–(đ).',
  },
  withinOwnerCapacity: {
    vi: 'Chủ quản hệ thống thông tin tự kiểm soát, xử lý được sự cố.',
    en: 'The system owner can control and handle the incident itself.',
  },
};

export const OUTCOME_TEXT: Record<'serious' | 'ordinary' | 'undetermined', Text> = {
  serious: {
    vi: 'Sự cố nghiêm trọng (QĐ 05/2017/QĐ-TTg, Điều 9)',
    en: 'Serious incident (QĐ 05/2017/QĐ-TTg, Article 9)',
  },
  ordinary: { vi: 'Sự cố thông thường', en: 'Ordinary incident' },
  undetermined: { vi: 'Chưa đủ thông tin để kết luận', en: 'Not enough answers to decide yet' },
};
