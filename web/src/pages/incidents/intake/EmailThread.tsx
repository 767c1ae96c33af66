import { Card, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useEmailThread } from '../../../api/email-intake';
import { formatDateTime } from '../../../lib/dates';

/** The e-mail a report came from and the replies threaded into it (e-mail reports only). */
export function EmailThread({ reportId, source }: { reportId: string; source: string }) {
  const { t } = useTranslation();
  const thread = useEmailThread(reportId, source === 'email');
  if (source !== 'email') return null;
  if (thread.isLoading) return <Spin />;
  const items = thread.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <div data-testid="email-thread" style={{ margin: '8px 0 16px' }}>
      <Typography.Text strong>{t('emailIntake.thread', { count: items.length })}</Typography.Text>
      <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
        {items.map((m) => (
          <Card key={m.id} size="small" data-testid={`email-${m.outcome}`}>
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Typography.Text>
                <Typography.Text strong>{m.fromName ?? m.fromAddress ?? '—'}</Typography.Text>
                {m.fromName && m.fromAddress ? ` <${m.fromAddress}>` : ''} · {formatDateTime(m.sentAt ?? m.createdAt)}
              </Typography.Text>
              <Typography.Text type="secondary">
                {m.outcome === 'reply' ? t('emailIntake.replyLabel') : t('emailIntake.originalLabel')}:{' '}
                {m.subject ?? '—'}
              </Typography.Text>
              {m.body ? (
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', maxHeight: 200, overflow: 'auto', margin: 0 }}>
                  {m.body}
                </Typography.Paragraph>
              ) : null}
              {m.rawFileId ? (
                <a href={`/api/files/${m.rawFileId}/content?audit=1`} download>
                  {t('emailIntake.rawDownload')}
                </a>
              ) : null}
            </Space>
          </Card>
        ))}
      </Space>
    </div>
  );
}
