import type { Locale } from '../../platform/messages-type.ts';

/**
 * Texts for scan-file errors (ScanFormatError keys) and skipped-record reasons (#7), merged into
 * platform/messages.ts. Parsers of every format add their keys here.
 */
export const scanFormatMessages = {
  scan_not_format: {
    vi: 'Tệp không phải định dạng {format}.',
    en: 'The file is not in the {format} format.',
  },
  scan_format_unknown: {
    vi: 'Không nhận ra định dạng của tệp kết quả quét. Hãy chọn định dạng cụ thể.',
    en: 'The scan file format was not recognised. Choose the format explicitly.',
  },
  scan_truncated: {
    vi: 'Tệp bị cắt cụt (kết thúc giữa chừng): không nhập gì.',
    en: 'The file is truncated (it ends part-way): nothing was imported.',
  },
  scan_malformed: {
    vi: 'Tệp bị hỏng ở vị trí {at}: {detail}',
    en: 'The file is corrupt at {at}: {detail}',
  },
  scan_entities_refused: {
    vi: 'Tệp XML khai báo thực thể (ENTITY): bị từ chối vì lý do an toàn.',
    en: 'The XML file declares entities (ENTITY): refused for safety.',
  },
  scan_bad_encoding: {
    vi: 'Tệp không phải văn bản {encoding} hợp lệ.',
    en: 'The file is not valid {encoding} text.',
  },
  scan_csv_missing_columns: {
    vi: 'Tệp CSV thiếu cột bắt buộc: {list}.',
    en: 'The CSV file lacks required columns: {list}.',
  },
  scan_skip_missing_field: {
    vi: 'Bỏ qua bản ghi: thiếu trường "{field}".',
    en: 'Record skipped: the "{field}" field is missing.',
  },
  scan_skip_bad_severity: {
    vi: 'Bỏ qua bản ghi: mức độ "{value}" không hợp lệ.',
    en: 'Record skipped: the severity "{value}" is not valid.',
  },
  scan_skip_bad_port: {
    vi: 'Bỏ qua bản ghi: cổng "{value}" không hợp lệ.',
    en: 'Record skipped: the port "{value}" is not valid.',
  },
  scan_skip_bad_record: {
    vi: 'Bỏ qua bản ghi: không đúng cấu trúc mong đợi.',
    en: 'Record skipped: it does not have the expected structure.',
  },
  scan_skip_bad_json: {
    vi: 'Bỏ qua dòng: không phải JSON hợp lệ.',
    en: 'Line skipped: it is not valid JSON.',
  },
  scan_skip_too_long: {
    vi: 'Bỏ qua dòng: dài quá giới hạn 16 MiB.',
    en: 'Line skipped: it is longer than the 16 MiB limit.',
  },
  scan_skip_not_failure: {
    vi: 'Bỏ qua kết quả loại "{kind}": không phải lỗi.',
    en: 'Result of kind "{kind}" skipped: it is not a failure.',
  },
  scan_skip_column_count: {
    vi: 'Bỏ qua dòng: số cột ({count}) không khớp với dòng tiêu đề ({expected}).',
    en: 'Line skipped: its column count ({count}) does not match the header ({expected}).',
  },
  scan_skip_false_positive: {
    vi: 'Bỏ qua kết quả: công cụ quét đã đánh dấu là dương tính giả ({value}).',
    en: 'Result skipped: the scanner marks it as a false positive ({value}).',
  },
  scan_skip_too_many: {
    vi: 'Bỏ qua: cảnh báo có quá nhiều vị trí; chỉ {max} vị trí đầu được nhập.',
    en: 'Skipped: the alert lists too many instances; only the first {max} are imported.',
  },
} as const satisfies Record<string, Record<Locale, string>>;
