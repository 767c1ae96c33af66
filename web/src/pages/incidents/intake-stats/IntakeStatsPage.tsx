import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Spin, Statistic } from 'antd';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { type ComposeOption, use as registerECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';
import { type IntakeStats, publicIntakeApi } from '../../../api/public-intake-client';
import { PageTitle } from '../../../components/PageTitle';
import { errorText } from '../../../lib/notify';

registerECharts([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type ChartOption = ComposeOption<
  BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

const COLORS: Record<IntakeStats['series'][number]['source'], string> = {
  'member-form': '#1f4e8c',
  api: '#5b8ff9',
  'public-form': '#f6bd16',
  email: '#5ad8a6',
  siem: '#e8684a',
  partner: '#9270ca',
};

function ChannelChart({ stats }: { stats: IntakeStats }) {
  const { t } = useTranslation();
  const option: ChartOption = {
    // no animation under automation: a screenshot must show the bars grown
    animation: !navigator.webdriver,
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    xAxis: { type: 'category', data: stats.days.map((d) => `${d.slice(8, 10)}/${d.slice(5, 7)}`) },
    yAxis: { type: 'value', minInterval: 1 },
    series: stats.series.map((s) => ({
      type: 'bar',
      stack: 'reports',
      name: t(`publicIntake.stats.sources.${s.source}`),
      data: s.counts,
      itemStyle: { color: COLORS[s.source] },
      barMaxWidth: 22,
    })),
  };
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: 340 }} notMerge />;
}

/** Intake per channel and day, the triage queue and the outcomes (the IR team). */
export default function IntakeStatsPage() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['intake-stats'], queryFn: ({ signal }) => publicIntakeApi.stats(signal) });
  if (q.isError) return <Alert type="error" showIcon title={errorText(q.error)} />;
  if (!q.data) return <Spin />;
  const s = q.data;
  const cards: [
    'queueDepth' | 'received' | 'logged' | 'accepted' | 'duplicate' | 'spam' | 'notIncident' | 'resent',
    number,
  ][] = [
    ['queueDepth', s.queueDepth],
    ['received', s.totals.received],
    ['logged', s.totals.logged],
    ['accepted', s.totals.accepted],
    ['duplicate', s.totals.duplicate],
    ['spam', s.totals.spam],
    ['notIncident', s.totals.notIncident],
    ['resent', s.totals.resent],
  ];
  return (
    <>
      <PageTitle title={t('publicIntake.stats.title')} description={t('publicIntake.stats.intro')} />
      <Row gutter={[16, 16]} data-testid="intake-stats">
        {cards.map(([key, value]) => (
          <Col xs={12} md={6} key={key}>
            <Card size="small">
              <Statistic title={t(`publicIntake.stats.${key}`)} value={value} data-testid={`intake-stat-${key}`} />
            </Card>
          </Col>
        ))}
        <Col span={24}>
          <Card size="small" title={t('publicIntake.stats.chart')}>
            <ChannelChart stats={s} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
