import { DeleteOutlined, EditOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Descriptions,
  Popconfirm,
  Result,
  Space,
  Spin,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useRemoveComponent, useRetireSystem, useSystem } from '../../api/systems-hooks';
import type { SystemComponent, SystemContact, SystemDetail } from '../../api/systems-types';
import { orgName } from '../../components/labels';
import { PageTitle } from '../../components/PageTitle';
import { formatDate, formatDateTime } from '../../lib/dates';
import { errorText, notifyError, notifySuccess } from '../../lib/notify';
import { useLocale } from '../../lib/useLocale';
import { ComponentModal } from './ComponentModal';
import { SystemFormModal } from './SystemFormModal';
import { SystemHistory } from './SystemHistory';
import { LevelTag, StatusTag } from './systemLabels';

/** The identifying value of a component, as one line. */
function componentValue(c: SystemComponent): string {
  switch (c.kind) {
    case 'host':
      return [c.ip, c.fqdn, c.hostname].filter(Boolean).join(' · ');
    case 'url':
      return c.url ?? '';
    case 'range':
      return c.cidr ?? '';
    case 'domain':
      return c.domain ?? '';
    case 'software':
      return c.cpe ?? c.purl ?? [c.vendor, c.product, c.version].filter(Boolean).join(' ');
  }
}

/** The owner-side contact: who to call about this system. */
function OwnerContact({ contact }: { contact: SystemContact | null }) {
  if (!contact) return <>—</>;
  return (
    <Space size={4} wrap data-testid="system-owner-contact">
      <span>
        {contact.personName}
        {contact.personRole ? ` (${contact.personRole})` : ''}
      </span>
      {contact.phone247 ? <a href={`tel:${contact.phone247.replace(/[^\d+]/g, '')}`}>{contact.phone247}</a> : null}
      {contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : null}
    </Space>
  );
}

function Components({ system }: { system: SystemDetail }) {
  const { t } = useTranslation();
  const remove = useRemoveComponent();
  const [editing, setEditing] = useState<SystemComponent | 'new' | null>(null);
  const columns: TableColumnsType<SystemComponent> = [
    {
      title: t('systems.componentKind'),
      dataIndex: 'kind',
      render: (k: SystemComponent['kind']) => <Tag>{t(`systems.kinds.${k}`)}</Tag>,
    },
    {
      title: t('systems.componentValue'),
      key: 'value',
      render: (_: unknown, c) => (
        <Typography.Text code data-testid="component-value">
          {componentValue(c)}
        </Typography.Text>
      ),
    },
    {
      title: t('systems.componentDetails'),
      key: 'details',
      render: (_: unknown, c) =>
        [c.kind === 'software' ? [c.vendor, c.product, c.version].filter(Boolean).join(' ') : null, c.os, c.note]
          .filter(Boolean)
          .join(' — '),
    },
  ];
  if (system.canManage)
    columns.push({
      title: '',
      key: 'actions',
      width: 110,
      render: (_: unknown, c) => (
        <Space>
          <Button size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing(c)} />
          <Popconfirm
            title={t('systems.removeComponentConfirm')}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              remove.mutateAsync({ systemId: system.id, componentId: c.id }).then(
                () => notifySuccess(t('systems.componentRemoved')),
                (e: unknown) => notifyError(e),
              )
            }
          >
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
          </Popconfirm>
        </Space>
      ),
    });
  return (
    <>
      {system.canManage ? (
        <Button
          icon={<PlusOutlined />}
          onClick={() => setEditing('new')}
          style={{ marginBottom: 12 }}
          data-testid="component-add"
        >
          {t('systems.addComponent')}
        </Button>
      ) : null}
      <div data-testid="components-table">
        <Table<SystemComponent>
          rowKey="id"
          size="middle"
          dataSource={system.components}
          columns={columns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('systems.noComponents') }}
        />
      </div>
      {editing ? (
        <ComponentModal
          systemId={system.id}
          component={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}

export default function SystemDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const system = useSystem(id);
  const retire = useRetireSystem();
  const [editing, setEditing] = useState(false);

  if (system.isPending) return <Spin />;
  if (system.isError) {
    const missing = isApiError(system.error) && system.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('systems.notFound') : t('errors.loadFailed')}
        subTitle={missing ? undefined : errorText(system.error)}
        extra={<Link to="/registry/systems">{t('systems.backToList')}</Link>}
      />
    );
  }
  const s = system.data;
  const m = s.securityMeasures;
  const yes = (v: boolean) => (v ? t('common.yes') : t('common.no'));
  return (
    <>
      <PageTitle
        title={`${s.code} — ${locale === 'en' && s.nameEn ? s.nameEn : s.name}`}
        description={<Link to="/registry/systems">{t('systems.backToList')}</Link>}
        extra={
          s.canManage ? (
            <Space>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="system-edit">
                {t('common.edit')}
              </Button>
              {s.status !== 'retired' ? (
                <Popconfirm
                  title={t('systems.retireConfirm')}
                  okText={t('systems.retire')}
                  cancelText={t('common.cancel')}
                  onConfirm={() =>
                    retire.mutateAsync(s.id).then(
                      () => notifySuccess(t('systems.retired')),
                      (e: unknown) => notifyError(e),
                    )
                  }
                >
                  <Button icon={<StopOutlined />} danger>
                    {t('systems.retire')}
                  </Button>
                </Popconfirm>
              ) : null}
            </Space>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="system-fields">
          <Descriptions.Item label={t('systems.nameVi')}>{s.name}</Descriptions.Item>
          <Descriptions.Item label={t('systems.nameEn')}>{s.nameEn ?? '—'}</Descriptions.Item>
          <Descriptions.Item
            label={t('systems.owner')}
          >{`${s.owner.code} — ${orgName(s.owner, locale)}`}</Descriptions.Item>
          <Descriptions.Item
            label={t('systems.operator')}
          >{`${s.operator.code} — ${orgName(s.operator, locale)}`}</Descriptions.Item>
          <Descriptions.Item label={t('systems.ownerContact')} span={2}>
            <OwnerContact contact={s.ownerContact} />
          </Descriptions.Item>
          <Descriptions.Item label={t('systems.level')}>
            <LevelTag level={s.securityLevel} />
            {s.levelDecisionNo
              ? `${s.levelDecisionNo}${s.levelDecisionDate ? ` (${formatDate(s.levelDecisionDate)})` : ''}`
              : null}
            {s.levelApprovedBy ? ` — ${s.levelApprovedBy}` : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('systems.category')}>{t(`systems.categories.${s.category}`)}</Descriptions.Item>
          <Descriptions.Item label={t('systems.status')}>
            <StatusTag status={s.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('systems.sharedProvincial')}>{yes(s.sharedProvincial)}</Descriptions.Item>
          <Descriptions.Item label={t('systems.nationalCritical')}>{yes(s.nationalCritical)}</Descriptions.Item>
          <Descriptions.Item label={t('systems.internetFacing')}>{yes(s.internetFacing)}</Descriptions.Item>
          <Descriptions.Item label={t('systems.securityMeasures')}>
            {m
              ? [
                  ...(['antivirus', 'firewall', 'ids'] as const)
                    .filter((k) => m[k])
                    .map((k) => t(`systems.measures.${k}`)),
                  m.other,
                ]
                  .filter(Boolean)
                  .join(', ') || '—'
              : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('systems.securityProvider')}>{s.securityProvider ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('systems.connectivityProvider')}>
            {s.connectivityProvider ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('systems.osAndServices')}>{s.osAndServices ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('systems.lastChanged')}>{formatDateTime(s.lastChangedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('systems.description')} span={2}>
            {s.description ?? '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'components',
              label: t('systems.components', { count: s.components.length }),
              children: <Components system={s} />,
            },
            {
              key: 'history',
              label: <span data-testid="tab-history">{t('systems.history')}</span>,
              children: <SystemHistory systemId={s.id} />,
            },
          ]}
        />
      </Card>
      {editing ? <SystemFormModal system={s} onClose={() => setEditing(false)} /> : null}
    </>
  );
}
