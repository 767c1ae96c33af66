import type { Locale } from '../../../platform/messages-type.ts';

/** Error messages of the e-mail intake (#6), merged into platform/messages.ts. */
export const INTAKE_MESSAGES_EMAIL = {
  mailbox_url_invalid: {
    vi: 'Địa chỉ hộp thư phải có dạng imap://người-dùng@máy-chủ:cổng hoặc imaps://… (mật khẩu nhập riêng).',
    en: 'The mailbox address must look like imap://user@host:port or imaps://… (the password goes in its own field).',
  },
  mailbox_from_environment: {
    vi: 'Hộp thư này được cấu hình bằng biến CANHGAC_IMAP_URL: chỉ bật/tắt được ở đây.',
    en: 'This mailbox is configured by CANHGAC_IMAP_URL: here it can only be enabled or disabled.',
  },
  mailbox_password_required: {
    vi: 'Đổi máy chủ, cổng, tài khoản hoặc giao thức của hộp thư thì phải nhập lại mật khẩu.',
    en: 'Changing the mailbox server, port, user or protocol needs the password entered again.',
  },
  mailbox_processed_folder_required: {
    vi: 'Chọn "chuyển thư đã xử lý" thì phải nêu thư mục đích.',
    en: 'Moving processed mail needs a destination folder.',
  },
} as const satisfies Record<string, Record<Locale, string>>;
