import { DisconnectOutlined, EditOutlined, KeyOutlined, SafetyOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Popconfirm, Space, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useKillSessions, useMe, useUsers } from '../api/hooks';
import type { User, UserFilters } from '../api/types';
import { useCursorPager } from '../components/CursorPager';
import { orgName, RoleTags } from '../components/labels';
import { OrgSelect } from '../components/OrgSelect';
import { PageTitle } from '../components/PageTitle';
import { ServerTable } from '../components/ServerTable';
import { hasRole, usersLimitedToOwnOrg } from '../lib/access';
import { formatDateTime } from '../lib/dates';
import { notifySuccess } from '../lib/notify';
import { useLocale } from '../lib/useLocale';
import { MfaPolicyCard } from './users/MfaPolicyCard';
import { UserAccessModal } from './users/UserAccessModal';
import { CreateUserModal, EditUserModal, ResetPasswordModal } from './users/UserModals';

export default function UsersPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data: me } = useMe();
  const ownOrgOnly = usersLimitedToOwnOrg(me);
  const [params, setParams] = useSearchParams();
  const filters = useMemo<UserFilters>(
    () => ({
      q: params.get('q') || undefined,
      // A member-lead only manages the users of their own organisation.
      organisationId: ownOrgOnly ? me?.organisation.id : params.get('organisationId') || undefined,
    }),
    [params, ownOrgOnly, me],
  );
  const pager = useCursorPager(JSON.stringify(filters));
  const list = useUsers(filters, { cursor: pager.cursor, limit: pager.limit });
  const killSessions = useKillSessions();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [inspecting, setInspecting] = useState<User | null>(null);

  const setParam = (key: string, value: string | undefined) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  };

  const columns: TableColumnsType<User> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      width: 160,
      render: (username: string) => <Typography.Text strong>{username}</Typography.Text>,
    },
    { title: t('users.displayName'), dataIndex: 'displayName' },
    {
      title: t('users.organisation'),
      key: 'organisation',
      width: 160,
      render: (_, user) => (
        <Tooltip title={orgName(user.organisation, locale)}>
          <Tag>{user.organisation.code}</Tag>
        </Tooltip>
      ),
    },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      render: (roles: string[]) => <RoleTags roles={roles} />,
    },
    {
      title: t('users.mfa'),
      dataIndex: 'mfaEnabled',
      width: 90,
      render: (enabled: boolean) =>
        enabled ? (
          <Tag color="success" icon={<SafetyOutlined />}>
            {t('common.enabled')}
          </Tag>
        ) : (
          <Tag>{t('common.disabled')}</Tag>
        ),
    },
    {
      title: t('users.status'),
      dataIndex: 'disabled',
      width: 120,
      render: (disabled: boolean) =>
        disabled ? (
          <Tag color="error">{t('users.statusDisabled')}</Tag>
        ) : (
          <Tag color="success">{t('users.statusActive')}</Tag>
        ),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 150,
      responsive: ['lg'],
      render: (value: string | null) =>
        value ? formatDateTime(value) : <Typography.Text type="secondary">{t('users.never')}</Typography.Text>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      fixed: 'right',
      render: (_, user) => (
        <Space size={4}>
          <Tooltip title={t('common.edit')}>
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(user)} data-testid="user-row-edit" />
          </Tooltip>
          <Tooltip title={t('users.access')}>
            <Button
              size="small"
              icon={<SafetyOutlined />}
              onClick={() => setInspecting(user)}
              data-testid="user-row-access"
            />
          </Tooltip>
          <Tooltip title={t('users.resetPassword')}>
            <Button
              size="small"
              icon={<KeyOutlined />}
              onClick={() => setResetting(user)}
              data-testid="user-row-reset"
            />
          </Tooltip>
          <Popconfirm
            title={t('users.killSessions')}
            description={t('users.killSessionsConfirm', { username: user.username })}
            okText={t('common.yes')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={async () => {
              try {
                await killSessions.mutateAsync(user.id);
                notifySuccess(t('users.sessionsKilled'));
              } catch {
                // shown globally
              }
            }}
          >
            <Tooltip title={t('users.killSessions')}>
              <Button size="small" danger icon={<DisconnectOutlined />} data-testid="user-row-kill-sessions" />
            </Tooltip>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <div>
      <PageTitle
        title={ownOrgOnly ? t('users.titleOwnOrg') : t('users.title')}
        extra={
          <Button
            type="primary"
            icon={<UserAddOutlined />}
            onClick={() => setCreating(true)}
            data-testid="users-create"
          >
            {t('users.create')}
          </Button>
        }
      />
      <Card>
        <Flex gap={8} wrap className="filters">
          <Input.Search
            key={filters.q ?? ''}
            defaultValue={filters.q}
            placeholder={t('users.searchPlaceholder')}
            allowClear
            onSearch={(value) => setParam('q', value.trim() || undefined)}
            style={{ width: 320, maxWidth: '100%' }}
            data-testid="user-filter-q"
          />
          {ownOrgOnly ? null : (
            <OrgSelect
              value={filters.organisationId ?? null}
              onChange={(value) => setParam('organisationId', value ?? undefined)}
              placeholder={t('users.orgFilter')}
              style={{ width: 320, maxWidth: '100%' }}
              data-testid="user-filter-organisation"
            />
          )}
        </Flex>
        <ServerTable<User>
          testId="user-table"
          list={list}
          pager={pager}
          emptyText={t('users.empty')}
          columns={columns}
          onRow={(user) => ({ className: 'user-row', 'data-testid': `user-row-${user.username}` })}
        />
      </Card>
      {hasRole(me, 'admin') ? <MfaPolicyCard /> : null}
      <CreateUserModal open={creating} onClose={() => setCreating(false)} />
      <EditUserModal user={editing} onClose={() => setEditing(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
      <UserAccessModal user={inspecting} onClose={() => setInspecting(null)} />
    </div>
  );
}
