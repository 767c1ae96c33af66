export type Locale = 'vi' | 'en';

/** Server-side messages for error codes, in both languages. `{name}` placeholders take params. */
const MESSAGES = {
  bad_request: { vi: 'Yêu cầu không hợp lệ.', en: 'The request is not valid.' },
  invalid_json: { vi: 'Nội dung gửi lên không phải JSON hợp lệ.', en: 'The request body is not valid JSON.' },
  invalid_utf8: { vi: 'Nội dung gửi lên không phải UTF-8 hợp lệ.', en: 'The request body is not valid UTF-8.' },
  invalid_characters: {
    vi: 'Nội dung chứa ký tự không được phép (NUL).',
    en: 'The request contains a character that is not allowed (NUL).',
  },
  validation_failed: { vi: 'Dữ liệu không hợp lệ: {detail}', en: 'Invalid data: {detail}' },
  body_too_large: { vi: 'Nội dung gửi lên quá lớn.', en: 'The request body is too large.' },
  unsupported_media_type: { vi: 'Kiểu nội dung không được hỗ trợ.', en: 'Unsupported content type.' },
  unauthenticated: { vi: 'Bạn cần đăng nhập.', en: 'You need to log in.' },
  invalid_credentials: { vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong username or password.' },
  account_locked: {
    vi: 'Tài khoản tạm khoá do đăng nhập sai nhiều lần. Thử lại sau {minutes} phút.',
    en: 'Account temporarily locked after repeated failed logins. Try again in {minutes} minutes.',
  },
  too_many_attempts: {
    vi: 'Quá nhiều lần thử từ địa chỉ này. Thử lại sau ít phút.',
    en: 'Too many attempts from this address. Try again in a few minutes.',
  },
  mfa_required: { vi: 'Cần nhập mã xác thực hai lớp.', en: 'A two-factor code is required.' },
  invalid_mfa_code: { vi: 'Mã xác thực không đúng.', en: 'The verification code is not correct.' },
  mfa_enrollment_required: {
    vi: 'Đơn vị hoặc vai trò của bạn yêu cầu bật xác thực hai lớp trước khi tiếp tục.',
    en: 'Your organisation or role requires two-factor authentication before you continue.',
  },
  mfa_already_enabled: {
    vi: 'Xác thực hai lớp đang bật. Hãy tắt (cần mật khẩu) trước khi thiết lập lại.',
    en: 'Two-factor authentication is already on. Turn it off (needs the password) before setting it up again.',
  },
  mfa_not_started: { vi: 'Chưa bắt đầu thiết lập xác thực hai lớp.', en: 'Two-factor setup has not been started.' },
  csrf_failed: {
    vi: 'Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF).',
    en: 'Missing or wrong anti-forgery (CSRF) token.',
  },
  forbidden: { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  token_scope: {
    vi: 'Mã API này không có quyền ghi.',
    en: 'This API token does not have the write scope.',
  },
  not_found: { vi: 'Không tìm thấy.', en: 'Not found.' },
  route_not_found: { vi: 'Không có địa chỉ này.', en: 'No such address.' },
  conflict: { vi: 'Xung đột dữ liệu: {detail}', en: 'Conflict: {detail}' },
  username_taken: { vi: 'Tên đăng nhập "{username}" đã tồn tại.', en: 'Username "{username}" already exists.' },
  code_taken: { vi: 'Mã đơn vị "{code}" đã tồn tại.', en: 'Organisation code "{code}" already exists.' },
  password_too_short: {
    vi: 'Mật khẩu phải có ít nhất {min} ký tự.',
    en: 'The password must be at least {min} characters long.',
  },
  password_too_long: { vi: 'Mật khẩu dài quá {max} ký tự.', en: 'The password is longer than {max} characters.' },
  password_contains_username: {
    vi: 'Mật khẩu không được chứa tên đăng nhập.',
    en: 'The password must not contain the username.',
  },
  password_too_common: {
    vi: 'Mật khẩu quá phổ biến hoặc quá đơn giản.',
    en: 'The password is too common or too simple.',
  },
  wrong_password: { vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' },
  role_not_allowed: {
    vi: 'Bạn không thể gán vai trò "{role}".',
    en: 'You cannot grant the role "{role}".',
  },
  unknown_organisation: { vi: 'Không có đơn vị mã "{code}".', en: 'No organisation with code "{code}".' },
  file_too_large: { vi: 'Tệp vượt quá giới hạn {max} byte.', en: 'The file is larger than the limit of {max} bytes.' },
  file_empty: { vi: 'Tệp rỗng (0 byte).', en: 'The file is empty (0 bytes).' },
  internal: { vi: 'Lỗi hệ thống. Mã yêu cầu: {requestId}', en: 'Internal error. Request id: {requestId}' },
  service_unavailable: { vi: 'Hệ thống đang tạm dừng.', en: 'The service is shutting down.' },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageCode = keyof typeof MESSAGES;

export function message(code: MessageCode, locale: Locale, params: Record<string, string | number> = {}): string {
  const template: string = MESSAGES[code][locale];
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? `{${key}}`));
}

/** Picks vi or en from an Accept-Language header; Vietnamese is the default. */
export function localeFrom(acceptLanguage: string | undefined, fallback: Locale = 'vi'): Locale {
  if (!acceptLanguage) return fallback;
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  if (first.startsWith('en')) return 'en';
  if (first.startsWith('vi')) return 'vi';
  return fallback;
}
