import { FilterOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space, type TableColumnsType, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { SYSTEM_CATEGORIES, SYSTEM_STATUSES } from '../../../../src/shared/vocabulary';
import { useMe } from '../../api/hooks';
import { useSystems } from '../../api/systems-hooks';
import type { InformationSystem, SystemCategory, SystemFilters, SystemStatus } from '../../api/systems-types';
import { useCursorPager } from '../../components/CursorPager';
import { orgName } from '../../components/labels';
import { OrgSelect } from '../../components/OrgSelect';
import { PageTitle } from '../../components/PageTitle';
import { ServerTable } from '../../components/ServerTable';
import { canManageSystems } from '../../lib/access';
import { formatDateTime } from '../../lib/dates';
import { useLocale } from '../../lib/useLocale';
import { SystemFormModal } from './SystemFormModal';
import { LevelTag, StatusTag } from './systemLabels';

interface FilterForm {
  q?: string;
  organisation?: string | null;
  level?: number | null;
  category?: SystemCategory | null;
  shared?: 'true' | 'false' | null;
  status?: SystemStatus | null;
}

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  value !== null && (list as readonly string[]).includes(value) ? (value as T) : undefined;

/** Filters live in the URL so that a filtered list can be linked. */
function readFilters(params: URLSearchParams): SystemFilters & { organisation?: string } {
  const f: SystemFilters & { organisation?: string } = {};
  const q = params.get('q');
  if (q) f.q = q;
  const org = params.get('organisation');
  if (org) f.organisation = org;
  const level = Number(params.get('level'));
  if (Number.isInteger(level) && level >= 1 && level <= 5) f.level = level;
  f.category = oneOf(SYSTEM_CATEGORIES, params.get('category'));
  f.status = oneOf(SYSTEM_STATUSES, params.get('status'));
  f.shared = oneOf(['true', 'false'] as const, params.get('shared'));
  for (const key of Object.keys(f) as (keyof typeof f)[]) if (f[key] === undefined) delete f[key];
  return f;
}

export default function SystemsListPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const pager = useCursorPager(JSON.stringify(filters));
  const list = useSystems(filters, { cursor: pager.cursor, limit: pager.limit });
  const [form] = Form.useForm<FilterForm>();
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    form.setFieldsValue({
      q: filters.q ?? '',
      organisation: filters.organisation ?? null,
      level: filters.level ?? null,
      category: filters.category ?? null,
      shared: filters.shared ?? null,
      status: filters.status ?? null,
    });
  }, [filters, form]);

  const apply = (values: FilterForm) => {
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(values)) if (value) next.set(key, String(value));
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<InformationSystem> = [
    {
      title: t('systems.code'),
      dataIndex: 'code',
      render: (code: string, s) => (
        <Link to={`/registry/systems/${s.id}`} data-testid={`system-link-${s.code}`}>
          {code}
        </Link>
      ),
    },
    {
      title: t('systems.name'),
      dataIndex: 'name',
      render: (_: string, s) => (
        <div style={{ maxWidth: 360 }}>
          <div>{locale === 'en' && s.nameEn ? s.nameEn : s.name}</div>
          <Space size={4} wrap>
            {s.sharedProvincial ? <Tag color="blue">{t('systems.sharedProvincial')}</Tag> : null}
            {s.nationalCritical ? <Tag color="red">{t('systems.nationalCritical')}</Tag> : null}
            {s.internetFacing ? <Tag>{t('systems.internetFacing')}</Tag> : null}
          </Space>
        </div>
      ),
    },
    {
      title: t('systems.ownerOperator'),
      key: 'parties',
      render: (_: unknown, s) => (
        <div style={{ maxWidth: 280 }}>
          <div>{orgName(s.owner, locale)}</div>
          {s.operator.id !== s.owner.id ? (
            <Typography.Text type="secondary">
              {t('systems.operatedBy', { name: orgName(s.operator, locale) })}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    {
      title: t('systems.level'),
      dataIndex: 'securityLevel',
      render: (level: number | null) => <LevelTag level={level} />,
    },
    {
      title: t('systems.category'),
      dataIndex: 'category',
      render: (c: SystemCategory) => t(`systems.categories.${c}`),
    },
    { title: t('systems.status'), dataIndex: 'status', render: (s: SystemStatus) => <StatusTag status={s} /> },
    { title: t('systems.lastChanged'), dataIndex: 'lastChangedAt', render: (v: string) => formatDateTime(v) },
  ];

  return (
    <>
      <PageTitle
        title={t('systems.title')}
        extra={
          canManageSystems(me.data) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="system-add">
              {t('systems.add')}
            </Button>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form form={form} layout="inline" onFinish={apply} data-testid="systems-filters">
          <Form.Item name="q">
            <Input.Search
              placeholder={t('systems.searchPlaceholder')}
              allowClear
              onSearch={() => form.submit()}
              style={{ width: 240 }}
              data-testid="systems-search"
            />
          </Form.Item>
          <Form.Item name="organisation">
            <OrgSelect placeholder={t('systems.filterOrganisation')} />
          </Form.Item>
          <Form.Item name="level">
            <Select
              allowClear
              placeholder={t('systems.level')}
              style={{ width: 110 }}
              options={[1, 2, 3, 4, 5].map((l) => ({ value: l, label: t('systems.levelN', { level: l }) }))}
            />
          </Form.Item>
          <Form.Item name="category">
            <Select
              allowClear
              placeholder={t('systems.category')}
              style={{ width: 200 }}
              options={SYSTEM_CATEGORIES.map((c) => ({ value: c, label: t(`systems.categories.${c}`) }))}
            />
          </Form.Item>
          <Form.Item name="shared">
            <Select
              allowClear
              placeholder={t('systems.sharedProvincial')}
              style={{ width: 170 }}
              options={[
                { value: 'true', label: t('systems.sharedYes') },
                { value: 'false', label: t('systems.sharedNo') },
              ]}
            />
          </Form.Item>
          <Form.Item name="status">
            <Select
              allowClear
              placeholder={t('systems.status')}
              style={{ width: 150 }}
              options={SYSTEM_STATUSES.map((s) => ({ value: s, label: t(`systems.statuses.${s}`) }))}
            />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" icon={<FilterOutlined />} data-testid="systems-apply">
              {t('common.filter')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <ServerTable<InformationSystem>
        testId="systems-table"
        list={list}
        pager={pager}
        columns={columns}
        emptyText={t('systems.empty')}
      />
      {creating ? <SystemFormModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}
