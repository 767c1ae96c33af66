import { scanFormatMessages } from '../formats/scans/messages.ts';
import { INCIDENT_MESSAGES_CASES } from '../modules/incidents/messages/cases.ts';
import { INCIDENT_MESSAGES_CASEWORK } from '../modules/incidents/messages/casework.ts';
import { INCIDENT_MESSAGES_CORE } from '../modules/incidents/messages/core.ts';
import { INCIDENT_MESSAGES_REPORTS } from '../modules/incidents/messages/reports.ts';
import { INCIDENT_MESSAGES_TASKS } from '../modules/incidents/messages/tasks.ts';
import { INTAKE_MESSAGES_EMAIL } from '../modules/intake/email/messages.ts';
import { INTAKE_MESSAGES_PUBLIC } from '../modules/intake/public/messages.ts';
import { INTAKE_MESSAGES_SIEM } from '../modules/intake/siem/messages.ts';
import { SCAN_COVERAGE_MESSAGES } from '../modules/scans/coverage/messages.ts';
import { SCAN_MESSAGES } from '../modules/scans/messages.ts';
import type { Locale } from './messages-type.ts';

export type { Locale } from './messages-type.ts';

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
  upload_no_file: {
    vi: 'Không có tệp nào được gửi lên: hãy gửi đúng một tệp (multipart/form-data).',
    en: 'No file was sent: send exactly one file (multipart/form-data).',
  },
  upload_one_file: {
    vi: 'Mỗi lần chỉ gửi được một tệp, không kèm phần nào khác.',
    en: 'Send one file at a time, with no other parts.',
  },
  upload_malformed: {
    vi: 'Dữ liệu tải lên bị lỗi hoặc bị cắt ngang. Hãy thử gửi lại.',
    en: 'The upload is malformed or was cut short. Try sending it again.',
  },
  file_missing: {
    vi: 'Tệp đã lưu không còn trong kho tệp. Hãy báo quản trị viên.',
    en: 'The stored file is missing from the file store. Tell the administrator.',
  },
  pdf_renderer_missing: {
    vi: 'Không tạo được PDF: không chạy được Chromium ({path}). Hãy cài gói chromium hoặc đặt CANHGAC_CHROMIUM_PATH.',
    en: 'Cannot produce a PDF: Chromium could not be started ({path}). Install the chromium package or set CANHGAC_CHROMIUM_PATH.',
  },
  webhook_url_invalid: {
    vi: 'Địa chỉ webhook phải là URL http:// hoặc https:// (không kèm tên đăng nhập/mật khẩu, tối đa 2000 ký tự).',
    en: 'The webhook address must be an http:// or https:// URL (without user name/password, at most 2000 characters).',
  },
  not_retryable: {
    vi: 'Không thể gửi lại: lượt gửi này đã thành công hoặc là thông báo trong ứng dụng.',
    en: 'Cannot retry: this delivery has already been sent or is an in-app notification.',
  },
  attachments_too_large: {
    vi: 'Tệp đính kèm vượt quá tổng {max} byte.',
    en: 'The attachments exceed {max} bytes in total.',
  },
  unknown_file: { vi: 'Không có tệp "{id}".', en: 'No file "{id}".' },
  system_code_taken: {
    vi: 'Mã hệ thống thông tin "{code}" đã tồn tại.',
    en: 'Information system code "{code}" already exists.',
  },
  system_level_invalid: {
    vi: 'Cấp độ an toàn phải là số nguyên từ 1 đến 5 (nhận được "{value}").',
    en: 'The security level must be a whole number from 1 to 5 (got "{value}").',
  },
  system_org_unknown: { vi: 'Không có đơn vị "{id}".', en: 'No organisation "{id}".' },
  system_contact_foreign: {
    vi: 'Đầu mối phía chủ quản phải là đầu mối của đơn vị chủ quản hoặc đơn vị vận hành.',
    en: 'The owner-side contact must be a contact point of the owner or the operator.',
  },
  system_keep_own_organisation: {
    vi: 'Đơn vị của bạn phải là chủ quản hoặc đơn vị vận hành của hệ thống.',
    en: 'Your organisation must be the owner or the operator of the system.',
  },
  component_bad_ip: {
    vi: 'Địa chỉ IP "{value}" không hợp lệ (IPv4 dạng 203.0.113.10 hoặc IPv6 dạng 2001:db8::10).',
    en: 'The IP address "{value}" is not valid (IPv4 like 203.0.113.10 or IPv6 like 2001:db8::10).',
  },
  component_bad_cidr: {
    vi: 'Dải mạng "{value}" không hợp lệ (dạng 203.0.113.0/24, địa chỉ mạng phải đúng với độ dài tiền tố).',
    en: 'The network range "{value}" is not valid (like 203.0.113.0/24; the address must be the network address for its prefix).',
  },
  component_range_too_broad: {
    vi: 'Dải mạng "{value}" quá rộng cho một thành phần hệ thống (tối đa /16 với IPv4, /32 với IPv6). Dải mạng của đơn vị do điều phối viên đăng ký ở mục Mạng của đơn vị.',
    en: 'The range "{value}" is too broad for a system component (at most /16 for IPv4, /32 for IPv6). An organisation\'s own networks are registered by a coordinator under its Networks.',
  },
  component_domain_too_broad: {
    vi: 'Tên miền "{value}" quá rộng cho một thành phần hệ thống (cần ít nhất hai nhãn, ví dụ cong.tinh.example).',
    en: 'The domain "{value}" is too broad for a system component (it needs at least two labels, e.g. portal.province.example).',
  },
  component_bad_domain: {
    vi: 'Tên miền "{value}" không hợp lệ.',
    en: 'The domain name "{value}" is not valid.',
  },
  component_bad_url: {
    vi: 'Địa chỉ URL "{value}" không hợp lệ (cần http:// hoặc https:// và tên máy chủ).',
    en: 'The URL "{value}" is not valid (needs http:// or https:// and a host).',
  },
  component_bad_cpe: {
    vi: 'Tên CPE "{value}" không hợp lệ. Dạng đúng: cpe:2.3:a:nhà_cung_cấp:sản_phẩm:phiên_bản:*:*:*:*:*:*:* (11 trường sau "cpe:2.3:") hoặc cpe:/a:nhà_cung_cấp:sản_phẩm:phiên_bản',
    en: 'The CPE name "{value}" is not valid. Expected: cpe:2.3:a:vendor:product:version:*:*:*:*:*:*:* (11 fields after "cpe:2.3:") or cpe:/a:vendor:product:version',
  },
  component_bad_cpe_part: {
    vi: 'Tên CPE "{value}": loại phải là a (ứng dụng), o (hệ điều hành) hoặc h (phần cứng).',
    en: 'CPE name "{value}": the part must be a (application), o (operating system) or h (hardware).',
  },
  component_bad_cpe_field: {
    vi: 'Tên CPE "{value}": trường {field} chứa ký tự không được phép (dùng chữ, số, . _ - ; ký tự khác phải có \\ đứng trước).',
    en: 'CPE name "{value}": the {field} field holds a character that is not allowed (use letters, digits, . _ - ; escape others with \\).',
  },
  component_bad_cpe_language: {
    vi: 'Tên CPE "{value}": ngôn ngữ phải theo RFC 5646 (ví dụ vi, en-us) hoặc * / -.',
    en: 'CPE name "{value}": the language must be an RFC 5646 tag (e.g. vi, en-us) or * / -.',
  },
  component_bad_purl: {
    vi: 'Package URL "{value}" không hợp lệ (dạng pkg:loại/không_gian/tên@phiên_bản).',
    en: 'The package URL "{value}" is not valid (like pkg:type/namespace/name@version).',
  },
  component_missing_value: {
    vi: 'Thành phần loại "{kind}" cần ít nhất: {fields}.',
    en: 'A component of kind "{kind}" needs at least: {fields}.',
  },
  // Normaliser (src/engines/normalise): params.value is what the user typed.
  value_empty: { vi: 'Chưa nhập giá trị.', en: 'No value was given.' },
  value_too_long: { vi: 'Giá trị quá dài.', en: 'The value is too long.' },
  value_unrecognised: {
    vi: 'Không nhận ra "{value}": hãy nhập địa chỉ IP, dải CIDR, tên miền, URL, e-mail hoặc mã băm.',
    en: 'Cannot recognise "{value}": enter an IP address, CIDR range, domain, URL, e-mail or hash.',
  },
  ip_invalid: { vi: '"{value}" không phải địa chỉ IP hợp lệ.', en: '"{value}" is not a valid IP address.' },
  cidr_invalid: {
    vi: '"{value}" không phải dải mạng hợp lệ (ví dụ 203.0.113.0/24 hoặc 2001:db8::/32).',
    en: '"{value}" is not a valid network range (for example 203.0.113.0/24 or 2001:db8::/32).',
  },
  cidr_prefix_invalid: {
    vi: 'Độ dài tiền tố trong "{value}" không hợp lệ (0–32 với IPv4, 0–128 với IPv6).',
    en: 'The prefix length in "{value}" is not valid (0–32 for IPv4, 0–128 for IPv6).',
  },
  cidr_host_bits: {
    vi: '"{value}" có bit phần máy khác 0; dải mạng đúng là {network}.',
    en: '"{value}" has host bits set; the network is {network}.',
  },
  domain_invalid: { vi: '"{value}" không phải tên miền hợp lệ.', en: '"{value}" is not a valid domain name.' },
  url_invalid: {
    vi: '"{value}" không phải URL hợp lệ (http, https, ftp, ws, wss).',
    en: '"{value}" is not a valid URL (http, https, ftp, ws, wss).',
  },
  email_invalid: { vi: '"{value}" không phải địa chỉ e-mail hợp lệ.', en: '"{value}" is not a valid e-mail address.' },
  hash_invalid: {
    vi: '"{value}" không phải mã băm MD5, SHA-1, SHA-256 hoặc SHA-512.',
    en: '"{value}" is not an MD5, SHA-1, SHA-256 or SHA-512 hash.',
  },
  portal_url_missing: {
    vi: 'Đơn vị chưa khai báo địa chỉ trang cổng thông tin công bố đầu mối.',
    en: 'The organisation has no portal page URL for its contact yet.',
  },
  portal_url_blocked: {
    vi: 'Địa chỉ trỏ tới mạng nội bộ hoặc địa chỉ đặc biệt ({reason}), không thể kiểm tra.',
    en: 'The address points to an internal or special network ({reason}) and cannot be checked.',
  },
  import_file_too_large: {
    vi: 'Tệp lớn quá {maxMb} MB; hãy chia thành nhiều tệp nhỏ hơn.',
    en: 'The file is larger than {maxMb} MB; split it into smaller files.',
  },
  import_too_many_rows: {
    vi: 'Tệp có quá {max} dòng dữ liệu; hãy chia thành nhiều tệp.',
    en: 'The file has more than {max} data rows; split it into several files.',
  },
  import_not_spreadsheet: {
    vi: 'Tệp không phải bảng tính XLSX hay CSV (UTF-8).',
    en: 'The file is not an XLSX or CSV (UTF-8) spreadsheet.',
  },
  import_corrupt_file: {
    vi: 'Tệp bị hỏng hoặc không đọc được ({detail}); không có gì được ghi.',
    en: 'The file is corrupt or unreadable ({detail}); nothing was written.',
  },
  import_no_sheets: {
    vi: 'Tệp không có trang tính nào của mẫu nhập (Đơn vị, Đầu mối, Hệ thống, Thành phần, Dải mạng).',
    en: 'The file has none of the template sheets (Đơn vị, Đầu mối, Hệ thống, Thành phần, Dải mạng).',
  },
  import_unknown_entity: {
    vi: 'Không xác định được loại dữ liệu từ dòng tiêu đề; hãy dùng đúng tiêu đề của mẫu hoặc chỉ rõ loại.',
    en: 'The header row does not tell which data this is; use the template headers or name the entity.',
  },
  import_ambiguous_entity: {
    vi: 'Dòng tiêu đề khớp với nhiều loại dữ liệu; hãy chỉ rõ loại.',
    en: 'The header row fits several kinds of data; name the entity.',
  },
  import_formula: {
    vi: 'Ô "{column}" chứa công thức; chỉ nhập giá trị (công thức không bao giờ được tính).',
    en: 'Cell "{column}" holds a formula; enter plain values (formulas are never evaluated).',
  },
  import_cell_error: { vi: 'Ô "{column}" chứa giá trị lỗi.', en: 'Cell "{column}" holds an error value.' },
  import_cell_too_long: { vi: 'Ô "{column}" quá dài.', en: 'Cell "{column}" is too long.' },
  import_unknown_column: { vi: 'Cột không có trong mẫu: "{column}".', en: 'Column not in the template: "{column}".' },
  import_duplicate_column: { vi: 'Cột "{column}" xuất hiện hai lần.', en: 'Column "{column}" appears twice.' },
  import_missing_column: { vi: 'Thiếu cột bắt buộc "{column}".', en: 'Required column "{column}" is missing.' },
  import_required: { vi: 'Cột "{column}" không được để trống.', en: 'Column "{column}" must not be empty.' },
  import_too_long: {
    vi: 'Cột "{column}" dài quá {max} ký tự.',
    en: 'Column "{column}" is longer than {max} characters.',
  },
  import_control_chars: {
    vi: 'Cột "{column}" chứa ký tự điều khiển.',
    en: 'Column "{column}" contains control characters.',
  },
  import_bad_code: {
    vi: 'Cột "{column}": "{value}" không phải mã hợp lệ (1–{max} ký tự A-Z, 0-9, chấm, gạch ngang, gạch dưới).',
    en: 'Column "{column}": "{value}" is not a valid code (1–{max} characters A-Z, 0-9, dot, dash, underscore).',
  },
  import_bad_enum: {
    vi: 'Cột "{column}": "{value}" không hợp lệ; chọn một trong: {values}.',
    en: 'Column "{column}": "{value}" is not allowed; use one of: {values}.',
  },
  import_bad_bool: {
    vi: 'Cột "{column}": "{value}" phải là có hoặc không.',
    en: 'Column "{column}": "{value}" must be yes or no (có/không).',
  },
  import_bad_level: {
    vi: 'Cột "{column}": "{value}" phải là số nguyên từ 1 đến 5.',
    en: 'Column "{column}": "{value}" must be a whole number from 1 to 5.',
  },
  import_bad_date: {
    vi: 'Cột "{column}": "{value}" không phải ngày hợp lệ (YYYY-MM-DD hoặc dd/mm/yyyy).',
    en: 'Column "{column}": "{value}" is not a valid date (YYYY-MM-DD or dd/mm/yyyy).',
  },
  import_bad_email: {
    vi: 'Cột "{column}": "{value}" không phải địa chỉ thư điện tử hợp lệ.',
    en: 'Column "{column}": "{value}" is not a valid e-mail address.',
  },
  import_bad_phone: {
    vi: 'Cột "{column}": "{value}" chỉ được gồm chữ số, dấu cách và + ( ) . -',
    en: 'Column "{column}": "{value}" may contain only digits, spaces and + ( ) . -',
  },
  import_bad_value: { vi: 'Cột "{column}": {detail}', en: 'Column "{column}": {detail}' },
  import_date_order: {
    vi: '"Hiệu lực đến" đứng trước "Hiệu lực từ".',
    en: '"Valid to" is before "Valid from".',
  },
  import_duplicate_row: {
    vi: 'Trùng với dòng {other} ({key}).',
    en: 'Duplicates row {other} ({key}).',
  },
  import_unknown_org: {
    vi: 'Không có đơn vị mã "{code}" trong tệp hay trong danh bạ.',
    en: 'No organisation with code "{code}" in the file or the registry.',
  },
  import_unknown_system: {
    vi: 'Không có hệ thống mã "{code}" trong tệp hay trong danh bạ.',
    en: 'No information system with code "{code}" in the file or the registry.',
  },
  import_parent_cycle: {
    vi: 'Đơn vị cấp trên tạo thành vòng lặp ({code}).',
    en: 'The parent organisations form a cycle ({code}).',
  },
  import_not_allowed: {
    vi: 'Bạn không có quyền nhập dòng này: {detail}.',
    en: 'You may not import this row: {detail}.',
  },
  import_component_empty: {
    vi: 'Dòng thành phần cần ít nhất một trong: IP, tên máy, tên miền đầy đủ, URL, dải mạng, tên miền, CPE, purl hoặc sản phẩm.',
    en: 'A component row needs at least one of: IP, hostname, FQDN, URL, CIDR, domain, CPE, purl or product.',
  },
  import_network_one_value: {
    vi: 'Mỗi dòng dải mạng cần đúng một trong: dải CIDR, tên miền, ASN.',
    en: 'Each network row needs exactly one of: CIDR, domain, ASN.',
  },
  import_entity_unavailable: {
    vi: 'Chưa nhập được trang "{sheet}" trong phiên bản này.',
    en: 'Sheet "{sheet}" cannot be imported in this version yet.',
  },
  import_plan_not_found: {
    vi: 'Không tìm thấy bản xem trước nhập dữ liệu (đã hết hạn hoặc đã dùng); hãy tải tệp lên lại.',
    en: 'The import preview was not found (expired or already used); upload the file again.',
  },
  import_plan_invalid: {
    vi: 'Tệp còn {count} dòng lỗi; không có gì được ghi.',
    en: 'The file still has {count} invalid rows; nothing was written.',
  },
  import_no_file: { vi: 'Chưa chọn tệp để tải lên.', en: 'No file was uploaded.' },
  asn_invalid: {
    vi: '"{value}" không phải số hiệu mạng (ASN) hợp lệ, ví dụ AS64500.',
    en: '"{value}" is not a valid AS number, for example AS64500.',
  },
  network_duplicate: {
    vi: 'Đơn vị này đã đăng ký {value}.',
    en: 'This organisation has already registered {value}.',
  },
  ownership_outside_own_ranges: {
    vi: 'Chỉ tra cứu được địa chỉ nằm trong dải mạng của đơn vị bạn.',
    en: 'You can only look up addresses inside your organisation’s own ranges.',
  },
  playbook_invalid: {
    vi: 'Kịch bản ứng cứu sự cố "{file}" không hợp lệ: {detail}',
    en: 'Incident response playbook "{file}" is not valid: {detail}',
  },
  internal: { vi: 'Lỗi hệ thống. Mã yêu cầu: {requestId}', en: 'Internal error. Request id: {requestId}' },
  service_unavailable: { vi: 'Hệ thống đang tạm dừng.', en: 'The service is shutting down.' },
  // Module catalogues (one file per area, so parallel work does not collide here).
  ...INCIDENT_MESSAGES_CORE,
  ...INCIDENT_MESSAGES_REPORTS,
  ...INCIDENT_MESSAGES_CASES,
  ...INCIDENT_MESSAGES_TASKS,
  ...INCIDENT_MESSAGES_CASEWORK,
  ...INTAKE_MESSAGES_PUBLIC,
  ...INTAKE_MESSAGES_SIEM,
  ...INTAKE_MESSAGES_EMAIL,
  ...scanFormatMessages,
  ...SCAN_MESSAGES,
  ...SCAN_COVERAGE_MESSAGES,
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
