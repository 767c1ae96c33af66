import { Button, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUsers } from '../../api/hooks';
import type { User } from '../../api/types';
import { useCursorPager } from '../../components/CursorPager';
import { RoleTags } from '../../components/labels';
import { ServerTable } from '../../components/ServerTable';
import { formatDateTime } from '../../lib/dates';

/** The organisation's user accounts, paged by the server; `manageLink` adds the way to the users page. */
export function OrgUsersSection({ organisationId, manageLink }: { organisationId: string; manageLink: boolean }) {
  const { t } = useTranslation();
  const pager = useCursorPager(organisationId);
  const list = useUsers({ organisationId }, { cursor: pager.cursor, limit: pager.limit });

  const columns: TableColumnsType<User> = [
    {
      title: t('users.displayName'),
      key: 'name',
      render: (_, user) => (
        <div data-testid={`org-user-${user.username}`}>
          <div>{user.displayName}</div>
          <Typography.Text type="secondary">{user.username}</Typography.Text>
        </div>
      ),
    },
    { title: t('users.roles'), dataIndex: 'roles', render: (roles: string[]) => <RoleTags roles={roles} /> },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 140,
      render: (value: string | null) =>
        value ? formatDateTime(value) : <Typography.Text type="secondary">{t('users.never')}</Typography.Text>,
    },
    {
      title: t('users.status'),
      dataIndex: 'disabled',
      width: 110,
      render: (disabled: boolean) =>
        disabled ? (
          <Tag color="error">{t('users.statusDisabled')}</Tag>
        ) : (
          <Tag color="success">{t('users.statusActive')}</Tag>
        ),
    },
  ];

  return (
    <div data-testid="org-users">
      <div className="section-header">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('organisations.users.title')}
        </Typography.Title>
        {manageLink ? (
          <Link to={`/admin/users?organisationId=${encodeURIComponent(organisationId)}`}>
            <Button size="small" data-testid="org-users-manage">
              {t('organisations.users.openList')}
            </Button>
          </Link>
        ) : null}
      </div>
      <ServerTable<User>
        testId="org-users-table"
        list={list}
        pager={pager}
        emptyText={t('organisations.users.empty')}
        columns={columns}
        size="small"
        scroll={{}}
      />
    </div>
  );
}
