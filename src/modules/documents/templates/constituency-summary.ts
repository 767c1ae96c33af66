import type { CellValue, DocumentModel } from '../../../formats/document/model.ts';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../../shared/vocabulary.ts';
import type { DocumentTemplate, IssuerFacts, Signer } from './template.ts';

const KIND_LABELS: Record<OrganisationKind, string> = {
  coordinator: 'Cơ quan điều phối',
  member: 'Đơn vị thành viên',
  locality: 'Địa phương',
  police: 'Công an',
  isp: 'Doanh nghiệp viễn thông/Internet',
  'security-company': 'Doanh nghiệp an toàn thông tin',
  'national-coordinator': 'Cơ quan điều phối quốc gia',
  other: 'Khác',
};

export const LISTED_ORGANISATIONS_MAX = 500;
const TITLE = 'Tổng hợp các đơn vị trong mạng lưới ứng cứu sự cố trên địa bàn';

export type ConstituencySummaryInput = {
  issuer: IssuerFacts;
  signer: Signer;
  /** when the figures were taken (ISO 8601) */
  asOf: string;
  byKind: Partial<Record<OrganisationKind, number>>;
  organisations: { code: string; name: string; kind: OrganisationKind; validFrom: string | null }[];
  /** how many active organisations there were (the list stops at LISTED_ORGANISATIONS_MAX) */
  total: number;
};

/** The sample platform report: the constituency's active organisations by kind, then the list. */
export const constituencySummary: DocumentTemplate<ConstituencySummaryInput> = {
  id: 'platform.constituency-summary',
  version: 1,
  kind: 'BC',
  title: () => TITLE,
  build(input, facts): DocumentModel {
    const kinds = ORGANISATION_KINDS.filter((k) => (input.byKind[k] ?? 0) > 0);
    const byKindRows: CellValue[][] = kinds.map((k, i) => [i + 1, KIND_LABELS[k], input.byKind[k] ?? 0]);
    byKindRows.push(['', 'Tổng cộng', input.total]);
    const listRows: CellValue[][] = input.organisations.map((o, i) => [
      i + 1,
      o.code,
      o.name,
      KIND_LABELS[o.kind],
      o.validFrom ? { date: o.validFrom } : null,
    ]);
    const cut = input.total > input.organisations.length;
    return {
      parentOrganisation: input.issuer.parentName,
      organisation: input.issuer.name,
      number: facts.number,
      draftSymbol: facts.draftSymbol,
      place: input.issuer.place,
      date: facts.date,
      kindLabel: 'Báo cáo',
      title: TITLE,
      sections: [
        {
          heading: 'I. TÌNH HÌNH CHUNG',
          blocks: [
            {
              type: 'paragraph',
              text: `Tính đến thời điểm lập báo cáo, mạng lưới ứng cứu sự cố trên địa bàn có ${input.total} đơn vị đang hoạt động, thuộc ${kinds.length} loại đơn vị.`,
            },
            {
              type: 'table',
              caption: 'Bảng 1. Số đơn vị theo loại',
              columns: [
                { header: 'STT', width: 6, align: 'center' },
                { header: 'Loại đơn vị', width: 40 },
                { header: 'Số đơn vị', width: 12, align: 'right' },
              ],
              rows: byKindRows,
            },
          ],
        },
        {
          heading: 'II. DANH SÁCH ĐƠN VỊ',
          blocks: [
            ...(cut
              ? [
                  {
                    type: 'paragraph' as const,
                    italic: true,
                    text: `Danh sách dưới đây gồm ${input.organisations.length} trên tổng số ${input.total} đơn vị.`,
                  },
                ]
              : []),
            {
              type: 'table',
              caption: 'Bảng 2. Danh sách đơn vị',
              columns: [
                { header: 'STT', width: 8, align: 'center' },
                { header: 'Mã đơn vị', width: 20 },
                { header: 'Tên đơn vị', width: 40 },
                { header: 'Loại', width: 22 },
                { header: 'Hiệu lực từ', width: 16, align: 'center' },
              ],
              rows: listRows,
            },
          ],
        },
        {
          heading: 'III. GHI CHÚ',
          blocks: [
            {
              type: 'paragraph',
              text: 'Báo cáo được lập tự động từ dữ liệu của nền tảng CanhGác; số liệu phản ánh danh mục đơn vị tại thời điểm lập.',
            },
          ],
        },
      ],
      signature: input.signer,
      recipients: ['Lãnh đạo đơn vị (để b/c)', 'Lưu: VT'],
    };
  },
};
