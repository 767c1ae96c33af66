import { LogoutOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Flex, Popconfirm, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { setCsrfToken } from '../../api/client';
import { useRevokeAllSessions, useRevokeSession, useSessions } from '../../api/hooks';
import type { Session } from '../../api/types';
import { formatDateTime } from '../../lib/dates';
import { notifyInfo, notifySuccess } from '../../lib/notify';

export function SessionsSection() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const revokeAll = useRevokeAllSessions();

  const signedOut = () => {
    setCsrfToken(null);
    navigate('/login', { replace: true });
    queryClient.clear();
    notifyInfo(t('userMenu.loggedOut'));
  };

  const columns: TableColumnsType<Session> = [
    {
      title: t('sessions.userAgent'),
      dataIndex: 'userAgent',
      render: (userAgent: string | null, session) => (
        <div>
          <Typography.Text className="user-agent">{userAgent ?? '—'}</Typography.Text>
          {session.current ? (
            <>
              {' '}
              <Tag color="blue">{t('sessions.current')}</Tag>
            </>
          ) : null}
        </div>
      ),
    },
    {
      title: t('sessions.ip'),
      dataIndex: 'ip',
      width: 140,
      render: (ip: string | null) => (ip ? <span className="mono">{ip}</span> : '—'),
    },
    { title: t('sessions.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: t('sessions.lastSeenAt'),
      dataIndex: 'lastSeenAt',
      width: 150,
      render: (v: string | null) => formatDateTime(v),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, session) => (
        <Popconfirm
          title={session.current ? t('sessions.revokeCurrentConfirm') : t('sessions.revokeConfirm')}
          okText={t('sessions.revoke')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={async () => {
            try {
              await revoke.mutateAsync(session.id);
              if (session.current) signedOut();
              else notifySuccess(t('sessions.revoked'));
            } catch {
              // shown globally
            }
          }}
        >
          <Button size="small" danger data-testid="session-revoke">
            {t('sessions.revoke')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <div>
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        <Popconfirm
          title={t('sessions.revokeAll')}
          description={t('sessions.revokeAllConfirm')}
          okText={t('common.yes')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={async () => {
            try {
              await revokeAll.mutateAsync();
              signedOut();
            } catch {
              // shown globally
            }
          }}
        >
          <Button danger icon={<LogoutOutlined />} loading={revokeAll.isPending} data-testid="sessions-revoke-all">
            {t('sessions.revokeAll')}
          </Button>
        </Popconfirm>
      </Flex>
      <div data-testid="session-table">
        <Table<Session>
          rowKey="id"
          columns={columns}
          dataSource={sessions.data?.items ?? []}
          loading={sessions.isFetching}
          pagination={false}
          size="middle"
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('sessions.empty') }}
        />
      </div>
    </div>
  );
}
