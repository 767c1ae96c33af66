import type { DocumentModel } from './model.ts';

/** A report with every kind of block, Vietnamese text and characters XML must escape (tests, docs). */
export function sampleModel(overrides: Partial<DocumentModel> = {}): DocumentModel {
  return {
    parentOrganisation: 'Ủy ban nhân dân tỉnh Quảng Nam',
    organisation: 'Sở Khoa học và Công nghệ',
    number: '07/BC-SKHCN',
    place: 'Quảng Nam',
    date: '2026-03-05',
    kindLabel: 'Báo cáo',
    title: 'Tình hình ứng cứu sự cố an toàn thông tin mạng quý I năm 2026',
    sections: [
      {
        heading: 'I. TÌNH HÌNH CHUNG',
        blocks: [
          {
            type: 'paragraph',
            text: 'Mạng lưới ứng cứu sự cố đã tiếp nhận 12 sự cố; các đơn vị phối hợp xử lý kịp thời <b>& "đúng quy trình"</b>.',
          },
          { type: 'paragraph', text: 'Đề nghị các đơn vị rà soát hệ thống.', bullet: true },
        ],
      },
      {
        heading: 'II. SỐ LIỆU',
        blocks: [
          {
            type: 'table',
            caption: 'Bảng 1. Sự cố theo đơn vị',
            columns: [
              { header: 'STT', width: 6 },
              { header: 'Đơn vị', width: 40 },
              { header: 'Số sự cố', width: 10 },
              { header: 'Ngày phát hiện', width: 14 },
              { header: 'Cập nhật lúc', width: 18 },
            ],
            rows: [
              [1, 'Sở Y tế', 5, { date: '2026-01-02' }, { dateTime: '2026-03-04T20:00:00Z' }],
              [2, 'Bệnh viện Đa khoa tỉnh', 7, { date: '2026-02-14' }, null],
            ],
          },
        ],
      },
    ],
    signature: { authority: 'KT. Giám đốc', position: 'Phó Giám đốc', name: 'Nguyễn Thị Hồng Nhung' },
    recipients: ['UBND tỉnh (để b/c)', 'Lưu: VT, CNTT'],
    ...overrides,
  };
}
