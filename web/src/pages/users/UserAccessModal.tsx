import { Button, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useKillSessions, useRevokeUserToken, useUserAccess } from '../../api/hooks';
import type { ApiToken, Session, User } from '../../api/types';
import { formatDateTime } from '../../lib/dates';
import { notifySuccess } from '../../lib/notify';

/** An administrator looks at a user's sessions and API tokens, ends the sessions, revokes tokens. */
export function UserAccessModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { sessions, tokens } = useUserAccess(user?.id ?? null);
  const revoke = useRevokeUserToken(user?.id ?? '');
  const kill = useKillSessions();

  return (
    <Modal
      open={Boolean(user)}
      title={user ? t('users.accessTitle', { username: user.username }) : ''}
      onCancel={onClose}
      footer={null}
      width={860}
      destroyOnHidden
    >
      <Typography.Title level={5}>{t('users.accessSessions')}</Typography.Title>
      <Table<Session>
        rowKey="id"
        size="small"
        pagination={false}
        loading={sessions.isPending}
        dataSource={sessions.data?.items ?? []}
        locale={{ emptyText: t('users.noSessions') }}
        data-testid="user-access-sessions"
        columns={[
          { title: t('sessions.ip'), dataIndex: 'ip', render: (ip: string | null) => ip ?? '—' },
          {
            title: t('sessions.userAgent'),
            dataIndex: 'userAgent',
            ellipsis: true,
            render: (ua: string | null) => ua ?? '—',
          },
          { title: t('sessions.lastSeenAt'), dataIndex: 'lastSeenAt', render: (v: string | null) => formatDateTime(v) },
        ]}
      />
      {user && (sessions.data?.items.length ?? 0) > 0 ? (
        <Popconfirm
          title={t('users.killSessionsConfirm', { username: user.username })}
          okButtonProps={{ danger: true }}
          onConfirm={async () => {
            try {
              await kill.mutateAsync(user.id);
              notifySuccess(t('users.sessionsKilled'));
            } catch {
              // shown globally
            }
          }}
        >
          <Button danger size="small" style={{ marginTop: 8 }} data-testid="user-access-kill">
            {t('users.killSessions')}
          </Button>
        </Popconfirm>
      ) : null}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('users.accessTokens')}
      </Typography.Title>
      <Table<ApiToken>
        rowKey="id"
        size="small"
        pagination={false}
        loading={tokens.isPending}
        dataSource={tokens.data?.items ?? []}
        locale={{ emptyText: t('users.noTokens') }}
        data-testid="user-access-tokens"
        columns={[
          { title: t('users.accessTokens'), dataIndex: 'name' },
          {
            title: t('users.scopes'),
            dataIndex: 'scopes',
            render: (scopes: string[]) => scopes.map((s) => <Tag key={s}>{s}</Tag>),
          },
          { title: t('users.lastUsed'), dataIndex: 'lastUsedAt', render: (v: string | null) => formatDateTime(v) },
          { title: t('users.expires'), dataIndex: 'expiresAt', render: (v: string | null) => formatDateTime(v) },
          {
            key: 'revoke',
            render: (_: unknown, token: ApiToken) =>
              token.revokedAt ? (
                <Tag>{t('users.revoked')}</Tag>
              ) : (
                <Button
                  size="small"
                  danger
                  loading={revoke.isPending}
                  data-testid="user-access-revoke-token"
                  onClick={async () => {
                    try {
                      await revoke.mutateAsync(token.id);
                      notifySuccess(t('users.revoked'));
                    } catch {
                      // shown globally
                    }
                  }}
                >
                  {t('users.revoke')}
                </Button>
              ),
          },
        ]}
      />
    </Modal>
  );
}
