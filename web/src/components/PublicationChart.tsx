import { PieChart, type PieSeriesOption } from 'echarts/charts';
import {
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
import { PUBLICATION_STATUSES } from '../../../src/shared/vocabulary';
import type { PublicationSummary } from '../api/publication-types';

registerECharts([PieChart, LegendComponent, TooltipComponent, CanvasRenderer]);

type ChartOption = ComposeOption<PieSeriesOption | LegendComponentOption | TooltipComponentOption>;

const COLORS: Record<string, string> = {
  published: '#389e0d',
  'not-found': '#d48806',
  unreachable: '#cf1322',
  blocked: '#c41d7f',
  unchecked: '#8c8c8c',
  'no-url': '#d9d9d9',
};

/** Organisations by publication status (GET /api/publication/summary). */
export default function PublicationChart({ summary }: { summary: PublicationSummary }) {
  const { t } = useTranslation();
  const data = PUBLICATION_STATUSES.filter((s) => (summary.byStatus[s] ?? 0) > 0).map((s) => ({
    name: t(`publication.status.${s}`),
    value: summary.byStatus[s] ?? 0,
    itemStyle: { color: COLORS[s] },
  }));
  const option: ChartOption = {
    // drawn at once: the page is often printed or captured right after loading
    animation: false,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { orient: 'vertical', left: 0, top: 'middle' },
    series: [
      {
        type: 'pie',
        radius: ['45%', '75%'],
        center: ['68%', '50%'],
        label: { show: true, formatter: '{c}' },
        data,
      },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 220, width: '100%' }} />;
}
