import { DownloadOutlined, HistoryOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Drawer,
  Flex,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tasksApi } from '../../../api/tasks-client';
import { useAddCustody, useCustody, useIncidentEvidence } from '../../../api/tasks-hooks';
import type { Evidence } from '../../../api/tasks-types';
import { formatDateTime } from '../../../lib/dates';
import { errorText, notifyError } from '../../../lib/notify';
import { EvidenceUploadModal } from './EvidenceUploadModal';

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function CustodyDrawer(props: {
  incidentId: string;
  evidence: Evidence | null;
  canWork: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const chain = useCustody(props.incidentId, props.evidence?.id ?? null);
  const add = useAddCustody(props.incidentId);
  const [action, setAction] = useState<'transferred' | 'exported'>('transferred');
  const [note, setNote] = useState('');
  const refresh = () => chain.refetch();

  return (
    <Drawer
      open={props.evidence !== null}
      onClose={props.onClose}
      width={520}
      title={t('tasks.custody.title', { name: props.evidence?.file.name ?? '' })}
    >
      {chain.error && <Alert type="error" message={errorText(chain.error)} />}
      <Timeline
        items={(chain.data?.items ?? []).map((c) => ({
          children: (
            <Space direction="vertical" size={0}>
              <Typography.Text strong>{t(`tasks.custody.action.${c.action}`)}</Typography.Text>
              <Typography.Text type="secondary">
                {formatDateTime(c.at)} · {c.actor}
              </Typography.Text>
              {c.note && <Typography.Text>{c.note}</Typography.Text>}
            </Space>
          ),
        }))}
      />
      {props.canWork && props.evidence && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Select
            value={action}
            onChange={setAction}
            options={(['transferred', 'exported'] as const).map((a) => ({
              value: a,
              label: t(`tasks.custody.action.${a}`),
            }))}
          />
          <Input.TextArea
            rows={2}
            value={note}
            maxLength={2000}
            placeholder={t('tasks.custody.note')}
            onChange={(e) => setNote(e.target.value)}
          />
          <Button
            disabled={!note.trim()}
            loading={add.isPending}
            onClick={() => {
              const evidenceId = props.evidence?.id;
              if (!evidenceId) return;
              add.mutate(
                { evidenceId, action, note: note.trim() },
                {
                  onSuccess: () => {
                    setNote('');
                    void refresh();
                  },
                  onError: notifyError,
                },
              );
            }}
          >
            {t('tasks.custody.record')}
          </Button>
        </Space>
      )}
    </Drawer>
  );
}

/** Evidence of the incident: file facts with SHA-256, chain of custody, audited downloads, uploads. */
export default function EvidenceTab({ incidentId, canWork }: { incidentId: string; canWork: boolean }) {
  const { t } = useTranslation();
  const evidence = useIncidentEvidence(incidentId);
  const [uploading, setUploading] = useState(false);
  const [chainOf, setChainOf] = useState<Evidence | null>(null);

  const columns: TableColumnsType<Evidence> = [
    { title: t('tasks.evidence.name'), key: 'name', render: (_, e) => e.file.name },
    { title: t('tasks.evidence.description'), dataIndex: 'description' },
    {
      title: 'SHA-256',
      key: 'sha',
      render: (_, e) => (
        <Typography.Text code copyable={{ text: e.file.sha256 }} style={{ fontSize: 12 }}>
          {`${e.file.sha256.slice(0, 16)}…`}
        </Typography.Text>
      ),
    },
    { title: t('tasks.evidence.size'), key: 'size', render: (_, e) => formatSize(e.file.size) },
    { title: t('tasks.evidence.type'), key: 'type', render: (_, e) => e.file.mediaType },
    {
      title: t('tasks.evidence.collected'),
      key: 'collected',
      render: (_, e) => `${e.collectedBy} · ${formatDateTime(e.collectedAt)}`,
    },
    {
      title: '',
      key: 'actions',
      render: (_, e) => (
        <Space>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            href={tasksApi.downloadUrl(incidentId, e.id)}
            onClick={() => setTimeout(() => void evidence.refetch(), 1000)}
          >
            {t('tasks.evidence.download')}
          </Button>
          <Button size="small" icon={<HistoryOutlined />} onClick={() => setChainOf(e)}>
            {t('tasks.custody.open')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">{t('tasks.evidence.hint')}</Typography.Text>
        {canWork && (
          <Button icon={<UploadOutlined />} onClick={() => setUploading(true)}>
            {t('tasks.evidence.upload')}
          </Button>
        )}
      </Flex>
      {evidence.error && <Alert type="error" message={errorText(evidence.error)} />}
      <Table
        rowKey="id"
        size="small"
        loading={evidence.isLoading}
        columns={columns}
        dataSource={evidence.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
      />
      <EvidenceUploadModal incidentId={incidentId} open={uploading} onClose={() => setUploading(false)} />
      <CustodyDrawer incidentId={incidentId} evidence={chainOf} canWork={canWork} onClose={() => setChainOf(null)} />
    </Space>
  );
}
