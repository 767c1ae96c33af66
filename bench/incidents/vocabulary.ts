/** Vietnamese phrases for synthetic incidents: three title phrases per incident type. */
export const TITLES: Record<string, [string, string, string]> = {
  'denial-of-service': [
    'Tấn công từ chối dịch vụ phân tán',
    'Lưu lượng bất thường làm gián đoạn dịch vụ',
    'Tấn công DDoS khuếch đại DNS',
  ],
  spoofing: [
    'Thư điện tử giả mạo lãnh đạo',
    'Trang web giả mạo cổng dịch vụ công',
    'Tin nhắn lừa đảo mạo danh cơ quan thuế',
  ],
  malware: [
    'Mã độc tống tiền lây nhiễm máy trạm',
    'Mã độc đánh cắp thông tin đăng nhập',
    'Máy tính nhiễm mã độc botnet',
  ],
  'unauthorised-access': [
    'Truy cập trái phép tài khoản quản trị',
    'Chiếm quyền điều khiển máy chủ',
    'Đăng nhập bất thường từ nước ngoài',
  ],
  defacement: ['Thay đổi giao diện trang chủ', 'Chèn nội dung cờ bạc vào trang tin', 'Tấn công thay đổi giao diện'],
  encryption: ['Mã độc tống tiền mã hóa dữ liệu', 'Mã hóa cơ sở dữ liệu đòi tiền chuộc', 'Mã độc tống tiền LockBit'],
  destruction: ['Xóa dữ liệu sao lưu', 'Phá hoại cơ sở dữ liệu', 'Phá hoại phần mềm quản lý văn bản'],
  espionage: ['Lấy cắp tài liệu mật', 'Nghe lén lưu lượng mạng nội bộ', 'Mã độc gián điệp APT'],
  combined: [
    'Tấn công có chủ đích nhiều giai đoạn',
    'Tấn công chuỗi cung ứng phần mềm',
    'Khai thác lỗ hổng và cài mã độc',
  ],
  other: ['Quét cổng dịch vụ liên tục', 'Sự cố an toàn thông tin khác', 'Lỗ hổng bảo mật chưa vá'],
  'personal-data-leak': ['Lộ lọt dữ liệu cá nhân công dân', 'Rò rỉ danh sách học sinh', 'Lộ lọt hồ sơ bệnh án điện tử'],
};

export const SYSTEMS = [
  'cổng thông tin điện tử',
  'hệ thống thư điện tử công vụ',
  'hệ thống một cửa điện tử',
  'máy chủ kế toán',
  'hệ thống quản lý văn bản',
  'cổng dịch vụ công',
  'máy trạm phòng hành chính',
  'hệ thống camera giám sát',
  'cơ sở dữ liệu hộ tịch',
  'hệ thống hồ sơ sức khỏe',
];

export const DEPARTMENTS = [
  'Sở Y tế',
  'Sở Giáo dục và Đào tạo',
  'Sở Tài chính',
  'Sở Tư pháp',
  'Sở Nội vụ',
  'UBND huyện Điện Bàn',
  'UBND thành phố Hội An',
  'Bệnh viện Đa khoa tỉnh',
  'Trường THPT Phan Châu Trinh',
  'Kho bạc Nhà nước tỉnh',
];

export const TASK_TITLES = [
  'Xác minh thông tin báo cáo',
  'Cô lập máy chủ bị ảnh hưởng',
  'Thu thập nhật ký hệ thống',
  'Phân tích mẫu mã độc',
  'Chặn địa chỉ nguồn tấn công',
  'Khôi phục dữ liệu từ bản sao lưu',
  'Thông báo cho cơ quan chủ quản',
  'Rút kinh nghiệm sau sự cố',
];
