/** Error messages of the public report form and status page (#6), merged into platform/messages.ts. */
export const INTAKE_MESSAGES_PUBLIC = {
  public_challenge_required: {
    vi: 'Biểu mẫu chưa hoàn tất bước chống thư rác. Hãy gửi lại từ trang báo cáo công khai.',
    en: 'The form has not completed its anti-spam step. Please send it again from the public report page.',
  },
  public_challenge_invalid: {
    vi: 'Bước chống thư rác không hợp lệ. Hãy tải lại trang báo cáo rồi gửi lại.',
    en: 'The anti-spam step is not valid. Reload the report page and send again.',
  },
  public_challenge_expired: {
    vi: 'Bước chống thư rác đã hết hạn. Hãy gửi lại, trang sẽ tự làm lại bước này.',
    en: 'The anti-spam step has expired. Send again; the page repeats it automatically.',
  },
  public_challenge_used: {
    vi: 'Bước chống thư rác này đã được dùng cho một báo cáo khác. Hãy tải lại trang rồi gửi lại.',
    en: 'This anti-spam step was already used for another report. Reload the page and send again.',
  },
  public_too_many_requests: {
    vi: 'Có quá nhiều yêu cầu từ địa chỉ của bạn. Hãy thử lại sau {minutes} phút.',
    en: 'Too many requests from your address. Please try again in {minutes} minutes.',
  },
  public_status_unknown: {
    vi: 'Không tìm thấy báo cáo với mã theo dõi này. Hãy kiểm tra lại mã trong thư xác nhận.',
    en: 'No report has this tracking code. Check the code in your confirmation e-mail.',
  },
} as const;
