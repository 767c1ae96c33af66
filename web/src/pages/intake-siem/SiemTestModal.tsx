import { Alert, Button, Descriptions, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type SiemKind, type SiemMapping, type SiemPreview, useSiemPreview } from '../../api/siem-intake';
import { formatDateTime } from '../../lib/dates';
import { SAMPLE_WAZUH_ALERT } from './sample-alert';

export type TestTarget = { name: string | null; kind: SiemKind; mapping: SiemMapping | null; minLevel: number };

function PreviewResult({ result }: { result: SiemPreview }) {
  const { t } = useTranslation();
  if (!result.ok || !result.alert)
    return <Alert type="error" showIcon title={result.problems} data-testid="siem-test-problems" />;
  const a = result.alert;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="siem-test-result">
      <Alert
        type={a.queued ? 'success' : 'info'}
        showIcon
        title={a.queued ? t('siem.wouldQueue') : t('siem.wouldLog')}
      />
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('siem.alertTitle')}>
          <span data-testid="siem-test-title">{a.title}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('siem.externalId')}>{a.externalId ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('siem.level')}>{a.level ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('siem.detectedAt')}>{formatDateTime(a.detectedAt)}</Descriptions.Item>
      </Descriptions>
      <Typography.Text strong>{t('siem.observables')}</Typography.Text>
      <List
        size="small"
        dataSource={a.observables}
        renderItem={(o) => (
          <List.Item>
            <Space>
              <Tag>{o.type}</Tag>
              <code>{o.value}</code>
              {o.group ? <Tag color="blue">{t('siem.groups')}</Tag> : null}
            </Space>
          </List.Item>
        )}
      />
      {a.invalidObservables.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t('siem.invalidObservables')}
          description={a.invalidObservables.join(', ')}
        />
      ) : null}
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', maxHeight: 240, overflow: 'auto' }} type="secondary">
        {a.description}
      </Typography.Paragraph>
    </Space>
  );
}

/** Runs a pasted alert through a source's mapping (saved or not) and shows the result; stores nothing. */
export function SiemTestModal({ target, onClose }: { target: TestTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const preview = useSiemPreview();
  const [text, setText] = useState('');
  const { reset } = preview;

  useEffect(() => {
    if (!target) return;
    setText(target.kind === 'wazuh' ? JSON.stringify(SAMPLE_WAZUH_ALERT, null, 2) : '');
    reset();
  }, [target, reset]);

  const run = () => {
    if (!target) return;
    preview.mutate({ kind: target.kind, mapping: target.mapping, minLevel: target.minLevel, alert: text });
  };

  return (
    <Modal
      open={target !== null}
      title={target?.name ? t('siem.testTitle', { name: target.name }) : t('siem.testTitleNew')}
      onCancel={onClose}
      width={760}
      footer={
        <Space>
          <Button onClick={() => setText(JSON.stringify(SAMPLE_WAZUH_ALERT, null, 2))}>{t('siem.sample')}</Button>
          <Button type="primary" onClick={run} loading={preview.isPending} data-testid="siem-test-run">
            {t('siem.run')}
          </Button>
          <Button onClick={onClose}>{t('siem.close')}</Button>
        </Space>
      }
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('siem.testHelp')}</Typography.Paragraph>
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 8, maxRows: 16 }}
        style={{ fontFamily: 'monospace' }}
        data-testid="siem-test-input"
      />
      {preview.data ? (
        <div style={{ marginTop: 16 }}>
          <PreviewResult result={preview.data} />
        </div>
      ) : null}
    </Modal>
  );
}
