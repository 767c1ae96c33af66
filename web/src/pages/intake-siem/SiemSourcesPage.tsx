import { EditOutlined, ExperimentOutlined, KeyOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Modal, Popconfirm, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/hooks';
import { type SiemAuthMode, type SiemSource, useSaveSiemSource, useSiemSources } from '../../api/siem-intake';
import { PageTitle } from '../../components/PageTitle';
import { hasRole } from '../../lib/access';
import { formatDateTime } from '../../lib/dates';
import { SiemAlertsDrawer } from './SiemAlertsDrawer';
import { SiemSourceFormModal } from './SiemSourceFormModal';
import { SiemTestModal, type TestTarget } from './SiemTestModal';

type Secret = { name: string; value: string; authMode: SiemAuthMode; url: string };

const endpointUrl = (path: string) => `${window.location.origin}${path}`;

/** The secret or token as the server reveals it, once. */
function SecretModal({ secret, onClose }: { secret: Secret | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={secret !== null}
      title={t('siem.secretTitle', { name: secret?.name ?? '' })}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose} data-testid="siem-secret-close">
          {t('siem.close')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('siem.secretHint')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph copyable={{ text: secret?.value ?? '' }}>
        <code data-testid="siem-secret">{secret?.value}</code>
      </Typography.Paragraph>
      <Typography.Paragraph copyable={{ text: secret?.url ?? '' }}>
        {t('siem.endpoint')}: <code data-testid="siem-secret-endpoint">{secret?.url}</code>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {secret?.authMode === 'token' ? t('siem.tokenHelp') : t('siem.hmacHelp')}
      </Typography.Paragraph>
    </Modal>
  );
}

/** SIEM sources: add, change, disable, rotate the secret, test a mapping, see recent alerts. */
export default function SiemSourcesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canManage = hasRole(me.data, 'admin', 'coordinator');
  const list = useSiemSources();
  const save = useSaveSiemSource();
  const [form, setForm] = useState<{ open: boolean; source: SiemSource | null }>({ open: false, source: null });
  const [secret, setSecret] = useState<Secret | null>(null);
  const [testTarget, setTestTarget] = useState<TestTarget | null>(null);
  const [alertsOf, setAlertsOf] = useState<SiemSource | null>(null);

  const reveal = (saved: { item: SiemSource; secret: string | null }) => {
    if (!saved.secret) return;
    setSecret({
      name: saved.item.name,
      value: saved.secret,
      authMode: saved.item.authMode,
      url: endpointUrl(saved.item.endpointPath),
    });
  };

  const change = async (s: SiemSource, input: { enabled?: boolean; rotateSecret?: boolean }) => {
    try {
      reveal(await save.mutateAsync({ id: s.id, input }));
    } catch {
      // shown globally
    }
  };

  const columns: TableColumnsType<SiemSource> = [
    {
      title: t('siem.name'),
      key: 'name',
      render: (_: unknown, s) => (
        <Space orientation="vertical" size={0}>
          <Space>
            <Typography.Text strong>{s.name}</Typography.Text>
            <Tag>{s.kind}</Tag>
            {s.enabled ? null : <Tag color="red">{t('siem.disabled')}</Tag>}
          </Space>
          {s.organisation ? <Typography.Text type="secondary">{s.organisation.name}</Typography.Text> : null}
          <Typography.Text type="secondary" copyable={{ text: endpointUrl(s.endpointPath) }}>
            <code style={{ fontSize: 12 }}>{s.endpointPath}</code>
          </Typography.Text>
          <Typography.Text type="secondary">
            {t(`siem.authModes.${s.authMode}`)} · {t('siem.minLevel')}: {s.minLevel} · {t('siem.window')}:{' '}
            {s.groupWindowMinutes}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('siem.alerts'),
      key: 'alerts',
      render: (_: unknown, s) => (
        <Space orientation="vertical" size={0} data-testid={`siem-counts-${s.name}`}>
          <span>{t('siem.alertsCount', s.alerts)}</span>
          <Typography.Text type="secondary">
            {s.alerts.lastReceivedAt
              ? t('siem.lastAlert', { at: formatDateTime(s.alerts.lastReceivedAt) })
              : t('siem.never')}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'actions',
      render: (_: unknown, s) => (
        <Space wrap>
          {canManage ? (
            <Button size="small" icon={<EditOutlined />} onClick={() => setForm({ open: true, source: s })}>
              {t('siem.edit')}
            </Button>
          ) : null}
          <Button
            size="small"
            icon={<ExperimentOutlined />}
            onClick={() => setTestTarget({ name: s.name, kind: s.kind, mapping: s.mapping, minLevel: s.minLevel })}
            data-testid={`siem-test-${s.name}`}
          >
            {t('siem.test')}
          </Button>
          <Button
            size="small"
            icon={<UnorderedListOutlined />}
            onClick={() => setAlertsOf(s)}
            data-testid={`siem-alerts-${s.name}`}
          >
            {t('siem.alerts')}
          </Button>
          {canManage ? (
            <>
              <Popconfirm title={t('siem.rotateConfirm')} onConfirm={() => void change(s, { rotateSecret: true })}>
                <Button size="small" icon={<KeyOutlined />}>
                  {t('siem.rotate')}
                </Button>
              </Popconfirm>
              <Button size="small" onClick={() => void change(s, { enabled: !s.enabled })}>
                {s.enabled ? t('siem.disable') : t('siem.enable')}
              </Button>
            </>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        title={t('siem.title')}
        description={t('siem.intro')}
        extra={
          canManage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setForm({ open: true, source: null })}
              data-testid="siem-add"
            >
              {t('siem.add')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Table<SiemSource>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          columns={columns}
          pagination={false}
          locale={{ emptyText: t('siem.empty') }}
          data-testid="siem-sources-table"
        />
      </Card>
      <SiemSourceFormModal
        open={form.open}
        source={form.source}
        onClose={() => setForm({ open: false, source: null })}
        onSaved={(saved) => {
          setForm({ open: false, source: null });
          reveal(saved);
        }}
        onTest={setTestTarget}
      />
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
      <SiemTestModal target={testTarget} onClose={() => setTestTarget(null)} />
      <SiemAlertsDrawer source={alertsOf} onClose={() => setAlertsOf(null)} />
    </>
  );
}
