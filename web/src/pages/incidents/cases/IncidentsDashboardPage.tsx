import { Card, Col, Row, Spin, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIncidentDashboard } from '../../../api/cases-hooks';
import { PageTitle } from '../../../components/PageTitle';
import { useLocale } from '../../../lib/useLocale';
import { BarChartCard } from './BarChartCard';

/** Seconds as hours (one decimal), the unit responders think in. */
const hours = (s: number | null) => (s === null ? '—' : (s / 3600).toFixed(1));

export default function IncidentsDashboardPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const q = useIncidentDashboard();
  if (!q.data) return <Spin />;
  const d = q.data;
  const severities = ['low', 'medium', 'high', 'critical'] as const;
  return (
    <>
      <PageTitle title={t('cases.dashboard.title')} description={t('cases.dashboard.scope')} />
      <Row gutter={[16, 16]} data-testid="incidents-dashboard">
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('cases.dashboard.open')}
              value={severities.reduce((n, s) => n + d.openBySeverity[s], 0)}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('cases.dashboard.mtta')}
              value={hours(d.mttaSeconds)}
              suffix={d.mttaSeconds === null ? undefined : 'h'}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('cases.dashboard.mttr')}
              value={hours(d.mttrSeconds)}
              suffix={d.mttrSeconds === null ? undefined : 'h'}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('cases.dashboard.overdue')}
              value={d.overdueTasks}
              valueStyle={d.overdueTasks > 0 ? { color: '#cf1322' } : undefined}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <BarChartCard
            title={t('cases.dashboard.openBySeverity')}
            labels={severities.map((s) => t(`cases.severity.${s}`))}
            values={severities.map((s) => d.openBySeverity[s])}
            colors={['#8c8c8c', '#d4b106', '#fa8c16', '#cf1322']}
          />
        </Col>
        <Col xs={24} lg={12}>
          <BarChartCard
            title={t('cases.dashboard.perWeek')}
            labels={d.newPerWeek.map((w) => w.week.slice(5).split('-').reverse().join('/'))}
            values={d.newPerWeek.map((w) => w.count)}
            vertical
          />
        </Col>
        <Col xs={24} lg={12}>
          <BarChartCard
            title={t('cases.dashboard.byType')}
            labels={d.byType.map((x) => (locale === 'en' ? x.nameEn : x.nameVi))}
            values={d.byType.map((x) => x.n)}
          />
        </Col>
        <Col xs={24} lg={12}>
          <BarChartCard
            title={t('cases.dashboard.byOrganisation')}
            labels={d.byOrganisation.map((x) => x.name)}
            values={d.byOrganisation.map((x) => x.n)}
          />
        </Col>
      </Row>
    </>
  );
}
