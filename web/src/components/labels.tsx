import { Space, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isOrgKind, isRole } from '../api/types';
import { currentLocale } from '../i18n';

const KIND_COLORS: Record<string, string> = {
  coordinator: 'red',
  'national-coordinator': 'volcano',
  member: 'blue',
  locality: 'cyan',
  police: 'geekblue',
  isp: 'purple',
  'security-company': 'magenta',
  other: 'default',
};

const ROLE_COLORS: Record<string, string> = {
  admin: 'red',
  coordinator: 'volcano',
  responder: 'orange',
  'member-lead': 'blue',
  member: 'cyan',
  partner: 'purple',
  viewer: 'default',
};

export function kindLabel(t: TFunction, kind: string): string {
  return isOrgKind(kind) ? t(`kinds.${kind}`) : kind;
}

export function roleLabel(t: TFunction, role: string): string {
  return isRole(role) ? t(`roles.${role}`) : role;
}

/** Organisation name in the interface language (`nameEn` in English, falling back to `name`). */
export function orgName(org: { name: string; nameEn?: string | null }, locale = currentLocale()): string {
  return locale === 'en' && org.nameEn ? org.nameEn : org.name;
}

export function KindTag({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return <Tag color={KIND_COLORS[kind] ?? 'default'}>{kindLabel(t, kind)}</Tag>;
}

export function RoleTags({ roles }: { roles: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <Space size={[0, 4]} wrap>
      {roles.map((role) => (
        <Tag key={role} color={ROLE_COLORS[role] ?? 'default'}>
          {roleLabel(t, role)}
        </Tag>
      ))}
    </Space>
  );
}

export function ActiveTag({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return active ? <Tag color="success">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>;
}
