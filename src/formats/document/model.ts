/**
 * One description of an administrative document (Decree 30/2020/NĐ-CP layout) that renders to
 * DOCX, XLSX and HTML/PDF alike, so a module describes its document once. Plain JSON: it can be
 * stored, compared and generated in property tests.
 */

/** A calendar date in Vietnam (`YYYY-MM-DD`) or an instant (ISO 8601, shown in Asia/Ho_Chi_Minh). */
export type DateCell = { date: string } | { dateTime: string };
export type CellValue = string | number | boolean | null | DateCell;

export type TableColumn = {
  header: string;
  /** width in characters (XLSX) and relative weight (DOCX, HTML); estimated from content when absent */
  width?: number;
  align?: 'left' | 'center' | 'right';
};

export type TableBlock = {
  type: 'table';
  /** also the worksheet name in XLSX (shortened to 31 characters) */
  caption?: string;
  columns: TableColumn[];
  rows: CellValue[][];
};

export type ParagraphBlock = { type: 'paragraph'; text: string; bold?: boolean; italic?: boolean; bullet?: boolean };

export type Block = ParagraphBlock | TableBlock;

export type Section = { heading?: string; blocks: Block[] };

export type DocumentModel = {
  /** cơ quan chủ quản (the parent body), printed above the issuing organisation; optional */
  parentOrganisation?: string | null;
  /** cơ quan ban hành */
  organisation: string;
  /** the full number and symbol ("01/BC-STTTT"); null while it is a draft (preview) */
  number: string | null;
  /** what a draft shows after "Số:": the symbol with a blank for the number */
  draftSymbol?: string;
  /** địa danh, e.g. "Quảng Nam" */
  place?: string | null;
  /** the issue date in Vietnam, YYYY-MM-DD */
  date: string;
  /** tên loại văn bản ("BÁO CÁO"); null for a công văn, whose subject goes under the number as "V/v …" */
  kindLabel: string | null;
  /** trích yếu nội dung */
  title: string;
  sections: Section[];
  signature: {
    /** "KT. GIÁM ĐỐC", "TL. CHỦ TỊCH", … (optional) */
    authority?: string | null;
    /** chức vụ of the signer */
    position: string;
    name: string;
  };
  /** nơi nhận */
  recipients?: string[];
};
