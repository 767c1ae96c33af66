import type { Locale } from '../../platform/messages.ts';

/**
 * Notification texts in both languages. `{{name}}` takes a value from the notification's data:
 * as it is in the subject and text, HTML-escaped in the HTML. A template without `html` gets one
 * made from its text. Modules add their templates here.
 */
export type TemplateText = { subject: string; text: string; html?: string };

export const TEMPLATES = {
  'incident.alert': {
    vi: {
      subject: 'Cảnh báo sự cố: {{organisation}}',
      text: 'Phát hiện sự cố tại {{organisation}}.\n\n{{summary}}\n\nXem chi tiết: {{link}}',
      html: '<p>Phát hiện sự cố tại <strong>{{organisation}}</strong>.</p><p>{{summary}}</p><p><a href="{{link}}">Xem chi tiết</a></p>',
    },
    en: {
      subject: 'Incident alert: {{organisation}}',
      text: 'An incident was detected at {{organisation}}.\n\n{{summary}}\n\nDetails: {{link}}',
      html: '<p>An incident was detected at <strong>{{organisation}}</strong>.</p><p>{{summary}}</p><p><a href="{{link}}">Details</a></p>',
    },
  },
  'incident.report.received': {
    vi: {
      subject: 'Đã tiếp nhận báo cáo sự cố {{trackingNo}}',
      text: 'CanhGác đã tiếp nhận báo cáo sự cố của bạn, mã theo dõi {{trackingNo}} (lúc {{receivedAt}}). Đội ứng cứu sẽ xem xét và phản hồi.\n\nTheo dõi báo cáo: {{link}}',
    },
    en: {
      subject: 'Incident report {{trackingNo}} received',
      text: 'CanhGac has received your incident report, tracking number {{trackingNo}} (at {{receivedAt}}). The response team will review it and get back to you.\n\nFollow your report: {{link}}',
    },
  },
  // The public form's acknowledgement (#6): only the random public code, never the internal number.
  'intake.public.received': {
    vi: {
      subject: 'Đã tiếp nhận báo cáo sự cố của bạn — mã theo dõi {{code}}',
      text: 'Cảm ơn bạn đã báo cáo. CanhGác đã tiếp nhận báo cáo sự cố của bạn lúc {{receivedAt}}.\n\nMã theo dõi: {{code}}\n\nĐội ứng cứu sự cố sẽ xem xét báo cáo. Bạn có thể xem trạng thái xử lý bằng mã này tại: {{link}}\n\nVui lòng giữ bí mật mã theo dõi. Nếu bạn không gửi báo cáo này, hãy bỏ qua thư.',
    },
    en: {
      subject: 'Your incident report was received — tracking code {{code}}',
      text: 'Thank you for reporting. CanhGac received your incident report at {{receivedAt}}.\n\nTracking code: {{code}}\n\nThe incident response team will review it. You can follow its status with this code at: {{link}}\n\nPlease keep the tracking code to yourself. If you did not send this report, ignore this e-mail.',
    },
  },
  'system.message': {
    vi: { subject: '{{title}}', text: '{{body}}' },
    en: { subject: '{{title}}', text: '{{body}}' },
  },
  'webhook.test': {
    vi: { subject: 'Thử webhook {{name}}', text: 'Đây là lượt gửi thử từ CanhGác tới webhook {{name}}.' },
    en: { subject: 'Webhook test {{name}}', text: 'This is a test delivery from CanhGac to the webhook {{name}}.' },
  },
  'demo.welcome': {
    vi: {
      subject: '[Dữ liệu mẫu] Chào mừng {{name}} đến với CanhGác',
      text: 'Đây là thông báo mẫu. Thông báo về sự cố, lỗ hổng và cảnh báo sẽ xuất hiện ở đây.',
    },
    en: {
      subject: '[Demo] Welcome to CanhGac, {{name}}',
      text: 'This is a sample notification. Notifications about incidents, vulnerabilities and advisories appear here.',
    },
  },
  'demo.advisory': {
    vi: {
      subject: '[Dữ liệu mẫu] Cảnh báo lỗ hổng nghiêm trọng trong phần mềm VPN',
      text: 'Thông báo mẫu: một lỗ hổng nghiêm trọng đang bị khai thác. Đơn vị kiểm tra và cập nhật bản vá trong 24 giờ.',
    },
    en: {
      subject: '[Demo] Critical vulnerability in VPN software',
      text: 'Sample notification: a critical vulnerability is being exploited. Check and patch within 24 hours.',
    },
  },
  'demo.readiness': {
    vi: {
      subject: '[Dữ liệu mẫu] Nhắc việc: cập nhật đầu mối ứng cứu sự cố',
      text: 'Thông báo mẫu: vui lòng kiểm tra và cập nhật thông tin đầu mối trực 24/7 của đơn vị.',
    },
    en: {
      subject: '[Demo] Reminder: update your incident response contact points',
      text: 'Sample notification: please check and update your organisation’s 24/7 contact points.',
    },
  },
  /** what e-mail and webhooks carry instead of the content when the TLP keeps it on the platform */
  'notification.withheld': {
    vi: {
      subject: 'Bạn có thông báo mới trên CanhGác',
      text: 'Bạn có một thông báo mới (TLP:{{tlp}}). Nội dung không được gửi qua thư điện tử; hãy mở CanhGác để xem: {{link}}',
    },
    en: {
      subject: 'You have a new notification in CanhGac',
      text: 'You have a new notification (TLP:{{tlp}}). Its content is not sent by e-mail; open CanhGac to read it: {{link}}',
    },
  },
  // The daily scan digest per organisation (#7), TLP:AMBER: counts and system names only.
  'scans.digest': {
    vi: {
      subject:
        'Quét lỗ hổng — {{organisation}}: {{overdueTotal}} phát hiện quá hạn xử lý, {{systemsDue}} hệ thống cần quét',
      text: 'Tình hình quét lỗ hổng của {{organisation}} ngày {{day}} (TLP:AMBER).\n\nPhát hiện quá hạn xử lý: {{overdueTotal}}\n- Nghiêm trọng: {{critical}}\n- Cao: {{high}}\n- Trung bình: {{medium}}\n- Thấp: {{low}}\n\nHệ thống quá hạn quét: {{scanOverdue}}\nHệ thống chưa từng được quét: {{scanNever}}\nHệ thống sắp đến hạn quét: {{scanDueSoon}}\n\nXem chi tiết trên CanhGác: {{link}}',
    },
    en: {
      subject:
        'Vulnerability scans — {{organisation}}: {{overdueTotal}} overdue findings, {{systemsDue}} systems to scan',
      text: 'Vulnerability scanning status of {{organisation}} on {{day}} (TLP:AMBER).\n\nFindings past their remediation deadline: {{overdueTotal}}\n- Critical: {{critical}}\n- High: {{high}}\n- Medium: {{medium}}\n- Low: {{low}}\n\nSystems overdue for a scan: {{scanOverdue}}\nSystems never scanned: {{scanNever}}\nSystems due for a scan soon: {{scanDueSoon}}\n\nDetails in CanhGac: {{link}}',
    },
  },
  'notification.digest': {
    vi: {
      subject: 'Tổng hợp thông báo hằng ngày ({{count}})',
      text: 'Các thông báo mới của bạn trên CanhGác:\n\n{{items}}\n\nXem tất cả: {{link}}',
    },
    en: {
      subject: 'Daily notification digest ({{count}})',
      text: 'Your new notifications in CanhGac:\n\n{{items}}\n\nSee them all: {{link}}',
    },
  },
} as const satisfies Record<string, Record<Locale, TemplateText>>;

export type TemplateKey = keyof typeof TEMPLATES;

export function isTemplateKey(key: string): key is TemplateKey {
  return Object.hasOwn(TEMPLATES, key);
}
