import {
  ApiOutlined,
  EditOutlined,
  MailOutlined,
  PlusOutlined,
  SyncOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { Button, Card, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Mailbox, useMailboxes, usePollMailbox, useTestMailbox } from '../../api/email-intake';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../lib/dates';
import { notifyError, notifyInfo, notifySuccess } from '../../lib/notify';
import { MailboxFormModal } from './MailboxFormModal';
import { MailboxMessagesDrawer } from './MailboxMessagesDrawer';

function PollStatus({ mailbox }: { mailbox: Mailbox }) {
  const { t } = useTranslation();
  if (!mailbox.enabled) return <Tag>{t('emailIntake.disabled')}</Tag>;
  if (!mailbox.lastPollStatus) return <Tag>{t('emailIntake.neverPolled')}</Tag>;
  const color =
    mailbox.lastPollStatus === 'ok' ? 'success' : mailbox.lastPollStatus === 'partial' ? 'warning' : 'error';
  return (
    <Space orientation="vertical" size={2}>
      <Space size={6}>
        <Tag color={color} data-testid="mailbox-status">
          {t(`emailIntake.status.${mailbox.lastPollStatus}`)}
        </Tag>
        <Typography.Text type="secondary">{formatDateTime(mailbox.lastPollAt)}</Typography.Text>
      </Space>
      {mailbox.lastPollError ? (
        <Typography.Text type="danger" style={{ maxWidth: 320 }} data-testid="mailbox-error">
          {mailbox.lastPollError}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

/** Intake mailboxes: add, change, disable, test the connection, poll now, see what each delivered. */
export default function MailboxesPage() {
  const { t } = useTranslation();
  const list = useMailboxes();
  const test = useTestMailbox();
  const poll = usePollMailbox();
  const [form, setForm] = useState<{ open: boolean; mailbox: Mailbox | null }>({ open: false, mailbox: null });
  const [messagesOf, setMessagesOf] = useState<Mailbox | null>(null);

  const runTest = async (m: Mailbox) => {
    try {
      const r = await test.mutateAsync(m.id);
      if (r.ok)
        notifySuccess(t('emailIntake.testOk', { messages: r.messages ?? 0, unprocessed: r.unprocessed ?? '—' }));
      else notifyError(new Error(t('emailIntake.testFailed', { error: r.error ?? '' })));
    } catch {
      // shown globally
    }
  };
  const runPoll = async (m: Mailbox) => {
    try {
      const r = await poll.mutateAsync(m.id);
      if (r.status === 'error') notifyError(new Error(r.error ?? ''));
      else if (r.status === 'locked') notifyInfo(t('emailIntake.pollLocked'));
      else notifySuccess(t('emailIntake.pollDone', r.counts));
    } catch {
      // shown globally
    }
  };

  const columns: TableColumnsType<Mailbox> = [
    {
      title: t('emailIntake.name'),
      key: 'name',
      render: (_: unknown, m) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{m.name}</Typography.Text>
          <Typography.Text type="secondary" copyable>
            {m.url}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('emailIntake.folder')}: {m.folder}
            {m.done === 'move' ? ` → ${m.processedFolder}` : ''}
          </Typography.Text>
          {m.fromEnvironment ? <Tag color="purple">CANHGAC_IMAP_URL</Tag> : null}
        </Space>
      ),
    },
    { title: t('emailIntake.lastPoll'), key: 'status', render: (_: unknown, m) => <PollStatus mailbox={m} /> },
    {
      title: t('emailIntake.counts'),
      key: 'counts',
      render: (_: unknown, m) => (
        <Typography.Text data-testid="mailbox-counts">{t('emailIntake.countsText', m.counts)}</Typography.Text>
      ),
    },
    {
      key: 'actions',
      render: (_: unknown, m) => (
        <Space wrap>
          <Tooltip title={m.fromEnvironment ? t('emailIntake.fromEnvironment') : undefined}>
            <Button size="small" icon={<EditOutlined />} onClick={() => setForm({ open: true, mailbox: m })}>
              {t('emailIntake.edit')}
            </Button>
          </Tooltip>
          <Button
            size="small"
            icon={<ApiOutlined />}
            loading={test.isPending && test.variables === m.id}
            onClick={() => void runTest(m)}
            data-testid={`mailbox-test-${m.name}`}
          >
            {t('emailIntake.test')}
          </Button>
          <Button
            size="small"
            icon={<SyncOutlined />}
            disabled={!m.enabled}
            loading={poll.isPending && poll.variables === m.id}
            onClick={() => void runPoll(m)}
            data-testid={`mailbox-poll-${m.name}`}
          >
            {t('emailIntake.pollNow')}
          </Button>
          <Button size="small" icon={<UnorderedListOutlined />} onClick={() => setMessagesOf(m)}>
            {t('emailIntake.messages')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        title={t('emailIntake.title')}
        description={t('emailIntake.intro')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setForm({ open: true, mailbox: null })}
            data-testid="mailbox-add"
          >
            {t('emailIntake.add')}
          </Button>
        }
      />
      <Card>
        <Table<Mailbox>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          columns={columns}
          pagination={false}
          locale={{
            emptyText: (
              <Space>
                <MailOutlined />
                {t('emailIntake.empty')}
              </Space>
            ),
          }}
          data-testid="mailboxes-table"
        />
      </Card>
      <MailboxFormModal
        open={form.open}
        mailbox={form.mailbox}
        onClose={() => setForm({ open: false, mailbox: null })}
      />
      <MailboxMessagesDrawer mailbox={messagesOf} onClose={() => setMessagesOf(null)} />
    </>
  );
}
