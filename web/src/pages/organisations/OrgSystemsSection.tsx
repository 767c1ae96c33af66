import { Button, Space, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSystems } from '../../api/systems-hooks';
import type { InformationSystem } from '../../api/systems-types';
import { useCursorPager } from '../../components/CursorPager';
import { orgName } from '../../components/labels';
import { ServerTable } from '../../components/ServerTable';
import { useLocale } from '../../lib/useLocale';
import { LevelTag, StatusTag } from '../systems/systemLabels';

type SystemRole = 'owner' | 'operator' | 'both';

function roleOf(system: InformationSystem, organisationId: string): SystemRole {
  const owns = system.owner.id === organisationId;
  const operates = system.operator.id === organisationId;
  if (owns && operates) return 'both';
  return owns ? 'owner' : 'operator';
}

const ROLE_COLORS: Record<SystemRole, string> = { owner: 'blue', operator: 'purple', both: 'geekblue' };

/** The information systems the organisation owns or operates, paged by the server. */
export function OrgSystemsSection({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const filters = { organisation: organisationId };
  const pager = useCursorPager(organisationId);
  const list = useSystems(filters, { cursor: pager.cursor, limit: pager.limit });

  const columns: TableColumnsType<InformationSystem> = [
    {
      title: t('systems.name'),
      key: 'name',
      render: (_, system) => (
        <div>
          <Link to={`/registry/systems/${system.id}`} data-testid={`org-system-${system.code}`}>
            {orgName(system, locale)}
          </Link>
          <div>
            <Typography.Text type="secondary">{system.code}</Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('organisations.systems.role'),
      key: 'role',
      width: 120,
      render: (_, system) => {
        const role = roleOf(system, organisationId);
        return <Tag color={ROLE_COLORS[role]}>{t(`organisations.systems.roles.${role}`)}</Tag>;
      },
    },
    {
      title: `${t('systems.level')} · ${t('systems.status')}`,
      key: 'levelStatus',
      width: 150,
      render: (_, system) => (
        <Space size={4} wrap>
          <LevelTag level={system.securityLevel} />
          <StatusTag status={system.status} />
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="org-systems">
      <div className="section-header">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('organisations.systems.title')}
        </Typography.Title>
        <Link to={`/registry/systems?organisation=${encodeURIComponent(organisationId)}`}>
          <Button size="small" data-testid="org-systems-all">
            {t('organisations.systems.openList')}
          </Button>
        </Link>
      </div>
      <ServerTable<InformationSystem>
        testId="org-systems-table"
        list={list}
        pager={pager}
        emptyText={t('organisations.systems.empty')}
        columns={columns}
        size="small"
        // fit the drawer: wrap long names instead of scrolling sideways
        scroll={{}}
      />
    </div>
  );
}
