import { Drawer, Segmented, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Mailbox, type MailMessage, useMailboxMessages } from '../../api/email-intake';
import { formatDateTime } from '../../lib/dates';

const OUTCOME_COLOR: Record<MailMessage['outcome'], string> = {
  report: 'blue',
  reply: 'green',
  ignored: 'default',
  failed: 'red',
};

export function OutcomeTag({ outcome }: { outcome: MailMessage['outcome'] }) {
  const { t } = useTranslation();
  return <Tag color={OUTCOME_COLOR[outcome]}>{t(`emailIntake.outcome.${outcome}`)}</Tag>;
}

/** What the mailbox delivered, newest first; failed and ignored messages with their raw .eml. */
export function MailboxMessagesDrawer({ mailbox, onClose }: { mailbox: Mailbox | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<MailMessage['outcome'] | 'all'>('all');
  const list = useMailboxMessages(mailbox?.id, outcome === 'all' ? undefined : outcome);
  const columns: TableColumnsType<MailMessage> = [
    { title: t('emailIntake.received'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v), width: 140 },
    { title: 'UID', dataIndex: 'uid', width: 70 },
    {
      title: t('emailIntake.outcomeColumn'),
      key: 'outcome',
      render: (_: unknown, m) => (
        <>
          <OutcomeTag outcome={m.outcome} />
          {m.reason ? <Typography.Text type="secondary">{m.reason}</Typography.Text> : null}
        </>
      ),
    },
    { title: t('emailIntake.from'), dataIndex: 'fromAddress', render: (v: string | null) => v ?? '—' },
    { title: t('emailIntake.subject'), dataIndex: 'subject', render: (v: string | null) => v ?? '—' },
    {
      title: t('emailIntake.report'),
      dataIndex: 'trackingNo',
      render: (v: string | null) => (v ? <code>{v}</code> : '—'),
    },
    {
      title: t('emailIntake.raw'),
      key: 'raw',
      render: (_: unknown, m) =>
        m.rawFileId ? (
          <a href={`/api/files/${m.rawFileId}/content?audit=1`} download>
            .eml
          </a>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <Drawer open={Boolean(mailbox)} onClose={onClose} size="large" title={mailbox?.name} destroyOnHidden>
      <Segmented
        value={outcome}
        onChange={(v) => setOutcome(v as typeof outcome)}
        options={(['all', 'report', 'reply', 'ignored', 'failed'] as const).map((o) => ({
          value: o,
          label: o === 'all' ? t('emailIntake.all') : t(`emailIntake.outcome.${o}`),
        }))}
        style={{ marginBottom: 12 }}
      />
      <Table<MailMessage>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        pagination={false}
        data-testid="mailbox-messages"
      />
    </Drawer>
  );
}
