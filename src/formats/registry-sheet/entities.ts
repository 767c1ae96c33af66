// The registry workbook: one sheet per entity, Vietnamese headers (English accepted). Pure data,
// shared by the reader, the writers, the template and the web client's help text.

import {
  COMPONENT_KINDS,
  ORGANISATION_KINDS as ORG_KINDS,
  SYSTEM_CATEGORIES,
  SYSTEM_STATUSES,
} from '../../shared/vocabulary.ts';

export const REGISTRY_ENTITIES = ['organisations', 'contacts', 'systems', 'components', 'networks'] as const;
export type RegistryEntity = (typeof REGISTRY_ENTITIES)[number];

export type ColumnType = 'text' | 'code' | 'enum' | 'bool' | 'int' | 'date';

export type Column = {
  key: string;
  vi: string;
  en: string;
  /** further accepted header spellings (compared without diacritics, case or punctuation) */
  aliases?: readonly string[];
  type: ColumnType;
  required?: boolean;
  max?: number;
  values?: readonly string[];
  /** Vietnamese labels accepted for enum values, in `values` order */
  labels?: readonly string[];
  demo?: string;
};

export type EntitySheet = { entity: RegistryEntity; vi: string; en: string; columns: readonly Column[] };

const ORG_KIND_LABELS = [
  'Cơ quan điều phối',
  'Thành viên',
  'Địa phương',
  'Công an',
  'Doanh nghiệp viễn thông',
  'Doanh nghiệp an toàn thông tin',
  'Điều phối quốc gia',
  'Khác',
] as const;
const SYSTEM_CATEGORY_LABELS = [
  'Phục vụ hoạt động nội bộ',
  'Phục vụ người dân, doanh nghiệp',
  'Cơ sở hạ tầng thông tin',
  'Điều khiển công nghiệp',
  'Khác',
] as const;
const SYSTEM_STATUS_LABELS = ['Dự kiến', 'Đang vận hành', 'Ngừng sử dụng'] as const;
const COMPONENT_KIND_LABELS = ['Máy chủ', 'Địa chỉ URL', 'Dải mạng', 'Tên miền', 'Phần mềm'] as const;

const organisations: EntitySheet = {
  entity: 'organisations',
  vi: 'Đơn vị',
  en: 'Organisations',
  columns: [
    { key: 'code', vi: 'Mã đơn vị', en: 'Code', type: 'code', required: true, demo: 'SO-VD' },
    {
      key: 'name',
      vi: 'Tên đơn vị',
      en: 'Name',
      type: 'text',
      required: true,
      max: 300,
      demo: 'Sở Ví dụ tỉnh Quảng Nam',
    },
    {
      key: 'nameEn',
      vi: 'Tên tiếng Anh',
      en: 'Name (English)',
      aliases: ['name en'],
      type: 'text',
      max: 300,
      demo: 'Example Department',
    },
    { key: 'shortName', vi: 'Tên viết tắt', en: 'Short name', type: 'text', max: 100, demo: 'SVD' },
    {
      key: 'kind',
      vi: 'Loại đơn vị',
      en: 'Kind',
      type: 'enum',
      required: true,
      values: ORG_KINDS,
      labels: ORG_KIND_LABELS,
      demo: 'member',
    },
    { key: 'parentCode', vi: 'Mã đơn vị cấp trên', en: 'Parent code', aliases: ['parent'], type: 'code' },
    { key: 'locality', vi: 'Địa bàn', en: 'Locality', type: 'text', max: 200, demo: 'Tam Kỳ' },
    { key: 'networkMemberCode', vi: 'Mã thành viên mạng lưới', en: 'Network member code', type: 'text', max: 50 },
    { key: 'validFrom', vi: 'Hiệu lực từ', en: 'Valid from', type: 'date' },
    { key: 'validTo', vi: 'Hiệu lực đến', en: 'Valid to', type: 'date' },
    { key: 'active', vi: 'Đang hoạt động', en: 'Active', type: 'bool', demo: 'có' },
  ],
};

const contacts: EntitySheet = {
  entity: 'contacts',
  vi: 'Đầu mối',
  en: 'Contacts',
  columns: [
    {
      key: 'organisation',
      vi: 'Mã đơn vị',
      en: 'Organisation',
      aliases: ['organisation code', 'organization'],
      type: 'code',
      required: true,
      demo: 'SO-VD',
    },
    {
      key: 'personName',
      vi: 'Họ và tên',
      en: 'Person name',
      aliases: ['name', 'ho ten'],
      type: 'text',
      required: true,
      max: 200,
      demo: 'Nguyễn Thị Ví Dụ',
    },
    { key: 'personRole', vi: 'Chức vụ', en: 'Role', type: 'text', max: 200, demo: 'Trưởng phòng CNTT' },
    {
      key: 'phone247',
      vi: 'Điện thoại 24/7',
      en: 'Phone 24/7',
      aliases: ['phone'],
      type: 'text',
      max: 40,
      demo: '+84 235 3900 000',
    },
    {
      key: 'email',
      vi: 'Thư điện tử',
      en: 'Email',
      aliases: ['e-mail'],
      type: 'text',
      max: 254,
      demo: 'ditdu@quangnam.example',
    },
    { key: 'otherChannels', vi: 'Kênh liên lạc khác', en: 'Other channels', type: 'text', max: 1000 },
  ],
};

const systems: EntitySheet = {
  entity: 'systems',
  vi: 'Hệ thống',
  en: 'Systems',
  columns: [
    {
      key: 'code',
      vi: 'Mã hệ thống',
      en: 'System',
      aliases: ['system code', 'code'],
      type: 'code',
      required: true,
      max: 60,
      demo: 'HT-VD-01',
    },
    {
      key: 'name',
      vi: 'Tên hệ thống',
      en: 'Name',
      type: 'text',
      required: true,
      max: 300,
      demo: 'Cổng thông tin Sở Ví dụ',
    },
    {
      key: 'nameEn',
      vi: 'Tên tiếng Anh',
      en: 'Name (English)',
      aliases: ['name en'],
      type: 'text',
      max: 300,
      demo: 'Example Department portal',
    },
    {
      key: 'owner',
      vi: 'Mã đơn vị chủ quản',
      en: 'Owner',
      aliases: ['owner code', 'chu quan'],
      type: 'code',
      required: true,
      demo: 'SO-VD',
    },
    {
      key: 'operator',
      vi: 'Mã đơn vị vận hành',
      en: 'Operator',
      aliases: ['operator code', 'don vi van hanh'],
      type: 'code',
      demo: 'SO-VD',
    },
    { key: 'securityLevel', vi: 'Cấp độ', en: 'Security level', aliases: ['level'], type: 'int', demo: '2' },
    {
      key: 'levelDecisionNo',
      vi: 'Số quyết định cấp độ',
      en: 'Level decision number',
      type: 'text',
      max: 100,
      demo: '123/QĐ-UBND',
    },
    { key: 'levelDecisionDate', vi: 'Ngày quyết định', en: 'Level decision date', type: 'date', demo: '2022-06-15' },
    {
      key: 'levelApprovedBy',
      vi: 'Cơ quan phê duyệt',
      en: 'Approved by',
      type: 'text',
      max: 300,
      demo: 'UBND tỉnh Quảng Nam',
    },
    {
      key: 'category',
      vi: 'Loại hệ thống',
      en: 'Category',
      type: 'enum',
      values: SYSTEM_CATEGORIES,
      labels: SYSTEM_CATEGORY_LABELS,
      demo: 'citizen-services',
    },
    { key: 'sharedProvincial', vi: 'Dùng chung cấp tỉnh', en: 'Shared provincial', type: 'bool', demo: 'không' },
    {
      key: 'nationalCritical',
      vi: 'Danh mục quan trọng quốc gia',
      en: 'National critical',
      type: 'bool',
      demo: 'không',
    },
    { key: 'internetFacing', vi: 'Kết nối Internet', en: 'Internet facing', type: 'bool', demo: 'có' },
    {
      key: 'status',
      vi: 'Trạng thái',
      en: 'Status',
      type: 'enum',
      values: SYSTEM_STATUSES,
      labels: SYSTEM_STATUS_LABELS,
      demo: 'active',
    },
    { key: 'description', vi: 'Mô tả', en: 'Description', type: 'text', max: 4000 },
    { key: 'antivirus', vi: 'Phòng chống mã độc', en: 'Antivirus', type: 'bool', demo: 'có' },
    { key: 'firewall', vi: 'Tường lửa', en: 'Firewall', type: 'bool', demo: 'có' },
    { key: 'ids', vi: 'Phát hiện xâm nhập', en: 'IDS', type: 'bool', demo: 'không' },
    { key: 'otherMeasures', vi: 'Biện pháp khác', en: 'Other measures', type: 'text', max: 1000 },
    { key: 'securityProvider', vi: 'Đơn vị cung cấp dịch vụ an toàn', en: 'Security provider', type: 'text', max: 300 },
    { key: 'connectivityProvider', vi: 'Đơn vị cung cấp kết nối', en: 'Connectivity provider', type: 'text', max: 300 },
    { key: 'osAndServices', vi: 'Hệ điều hành và dịch vụ', en: 'OS and services', type: 'text', max: 2000 },
  ],
};

const components: EntitySheet = {
  entity: 'components',
  vi: 'Thành phần',
  en: 'Components',
  columns: [
    {
      key: 'system',
      vi: 'Mã hệ thống',
      en: 'System',
      aliases: ['system code'],
      type: 'code',
      required: true,
      max: 60,
      demo: 'HT-VD-01',
    },
    {
      key: 'kind',
      vi: 'Loại thành phần',
      en: 'Kind',
      type: 'enum',
      values: COMPONENT_KINDS,
      labels: COMPONENT_KIND_LABELS,
      demo: 'software',
    },
    { key: 'ip', vi: 'Địa chỉ IP', en: 'IP', type: 'text', max: 100 },
    { key: 'hostname', vi: 'Tên máy', en: 'Hostname', type: 'text', max: 255 },
    { key: 'fqdn', vi: 'Tên miền đầy đủ', en: 'FQDN', type: 'text', max: 255 },
    { key: 'url', vi: 'Địa chỉ URL', en: 'URL', type: 'text', max: 2000 },
    { key: 'cidr', vi: 'Dải mạng', en: 'CIDR', aliases: ['range'], type: 'text', max: 100 },
    { key: 'domain', vi: 'Tên miền', en: 'Domain', type: 'text', max: 255 },
    { key: 'cpe', vi: 'CPE', en: 'CPE', type: 'text', max: 1000, demo: 'cpe:2.3:a:f5:nginx:1.24.0:*:*:*:*:*:*:*' },
    { key: 'purl', vi: 'Purl', en: 'Purl', aliases: ['package url'], type: 'text', max: 1000 },
    { key: 'vendor', vi: 'Nhà cung cấp', en: 'Vendor', type: 'text', max: 200, demo: 'f5' },
    { key: 'product', vi: 'Sản phẩm', en: 'Product', type: 'text', max: 200, demo: 'nginx' },
    { key: 'version', vi: 'Phiên bản', en: 'Version', type: 'text', max: 100, demo: '1.24.0' },
    { key: 'os', vi: 'Hệ điều hành', en: 'OS', type: 'text', max: 200 },
    { key: 'note', vi: 'Ghi chú', en: 'Note', type: 'text', max: 1000 },
  ],
};

const networks: EntitySheet = {
  entity: 'networks',
  vi: 'Dải mạng',
  en: 'Networks',
  columns: [
    {
      key: 'organisation',
      vi: 'Mã đơn vị',
      en: 'Organisation',
      aliases: ['organisation code', 'organization'],
      type: 'code',
      required: true,
      demo: 'SO-VD',
    },
    {
      key: 'cidr',
      vi: 'Dải địa chỉ (CIDR)',
      en: 'CIDR',
      aliases: ['range', 'dai mang'],
      type: 'text',
      max: 100,
      demo: '203.0.113.64/27',
    },
    { key: 'domain', vi: 'Tên miền', en: 'Domain', type: 'text', max: 255 },
    { key: 'includeSubdomains', vi: 'Gồm tên miền con', en: 'Include subdomains', type: 'bool' },
    { key: 'asn', vi: 'Số hiệu mạng (ASN)', en: 'ASN', type: 'text', max: 20 },
    { key: 'note', vi: 'Ghi chú', en: 'Note', type: 'text', max: 1000 },
  ],
};

export const ENTITY_SHEETS: readonly EntitySheet[] = [organisations, contacts, systems, components, networks];

export function sheetOf(entity: RegistryEntity): EntitySheet {
  const found = ENTITY_SHEETS.find((s) => s.entity === entity);
  if (!found) throw new Error(`unknown entity ${entity}`);
  return found;
}

/** Header and sheet names compare without diacritics, case, spaces or punctuation. */
export function foldHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function entityOfSheetName(name: string): RegistryEntity | undefined {
  const f = foldHeader(name);
  return ENTITY_SHEETS.find((s) => foldHeader(s.vi) === f || foldHeader(s.en) === f || f === s.entity)?.entity;
}

/** The column a header names, for one entity. */
export function columnOfHeader(sheet: EntitySheet, header: string): Column | undefined {
  const f = foldHeader(header);
  if (!f) return undefined;
  return sheet.columns.find(
    (c) =>
      foldHeader(c.vi) === f ||
      foldHeader(c.en) === f ||
      foldHeader(c.key) === f ||
      (c.aliases ?? []).some((a) => foldHeader(a) === f),
  );
}
