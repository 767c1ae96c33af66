import { SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe, useOrganisationStats } from '../api/hooks';
import { KindTag, orgName, RoleTags } from '../components/labels';
import { OrgBadge } from '../components/OrgBadge';
import { PageTitle } from '../components/PageTitle';
import { useLocale } from '../lib/useLocale';
import { AREA_ICONS, AREAS } from './areas';

const OrgKindChart = lazy(() => import('../components/OrgKindChart'));

function StatsCard() {
  const { t } = useTranslation();
  const stats = useOrganisationStats();
  const total = stats.data ? Object.values(stats.data.byKind).reduce((sum, n) => sum + n, 0) : 0;
  return (
    <Card
      title={t('dashboard.chartTitle')}
      extra={
        stats.data ? (
          <Link to="/registry">
            <Tag color="blue">{total}</Tag>
          </Link>
        ) : null
      }
      data-testid="dashboard-org-stats"
      style={{ height: '100%' }}
    >
      {stats.isPending ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : stats.isError ? (
        <Alert type="warning" showIcon title={t('errors.loadFailed')} />
      ) : total === 0 ? (
        <Empty description={t('dashboard.chartEmpty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Suspense fallback={<Skeleton active paragraph={{ rows: 4 }} />}>
          <OrgKindChart byKind={stats.data.byKind} />
        </Suspense>
      )}
    </Card>
  );
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data: me } = useMe();
  if (!me) return null;

  return (
    <div data-testid="dashboard">
      <PageTitle title={t('nav.dashboard')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card data-testid="welcome-card" style={{ height: '100%' }}>
            <Typography.Title level={4} style={{ marginTop: 0 }}>
              {t('dashboard.welcome', { name: me.displayName })}
            </Typography.Title>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('dashboard.organisation')}>
                <Space orientation="vertical" size={4}>
                  <span>
                    <OrgBadge me={me} compact />
                    <KindTag kind={me.organisation.kind} />
                  </span>
                  <Typography.Text>{orgName(me.organisation, locale)}</Typography.Text>
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('dashboard.roles')}>
                <RoleTags roles={me.roles} />
              </Descriptions.Item>
              <Descriptions.Item label={t('dashboard.mfa')}>
                {me.mfaEnabled ? (
                  <Tag color="success" icon={<SafetyOutlined />}>
                    {t('dashboard.mfaOn')}
                  </Tag>
                ) : (
                  <Space wrap>
                    <Tag color="warning">{t('dashboard.mfaOff')}</Tag>
                    <Link to="/profile?section=mfa">
                      <Button size="small">{t('dashboard.setupMfa')}</Button>
                    </Link>
                  </Space>
                )}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <StatsCard />
        </Col>
      </Row>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('dashboard.areasTitle')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {AREAS.map((area) => (
          <Col key={area} xs={24} md={12} xxl={8}>
            <Card
              data-testid={`dashboard-area-${area}`}
              title={
                <Space>
                  {AREA_ICONS[area]}
                  {t(`nav.${area}`)}
                </Space>
              }
              extra={<Link to={`/${area}`}>{t('dashboard.openArea')}</Link>}
              style={{ height: '100%' }}
            >
              <Typography.Paragraph type="secondary">{t(`areas.${area}`)}</Typography.Paragraph>
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('areas.empty')} style={{ margin: 0 }} />
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}
