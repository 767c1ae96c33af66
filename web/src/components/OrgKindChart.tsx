import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { type ComposeOption, use as registerECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';
import { ORG_KINDS } from '../api/types';
import { kindLabel } from './labels';

registerECharts([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

/** Horizontal bar chart of organisations per kind (from GET /api/organisations/stats). */
export default function OrgKindChart({ byKind }: { byKind: Record<string, number> }) {
  const { t } = useTranslation();
  const kinds = [
    ...ORG_KINDS.filter((kind) => (byKind[kind] ?? 0) > 0),
    ...Object.keys(byKind).filter(
      (kind) => !(ORG_KINDS as readonly string[]).includes(kind) && (byKind[kind] ?? 0) > 0,
    ),
  ].sort((a, b) => (byKind[a] ?? 0) - (byKind[b] ?? 0));

  const option: ChartOption = {
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: kinds.map((kind) => kindLabel(t, kind)) },
    series: [
      {
        type: 'bar',
        name: t('dashboard.chartCount'),
        data: kinds.map((kind) => byKind[kind] ?? 0),
        itemStyle: { color: '#1f4e8c', borderRadius: [0, 4, 4, 0] },
        label: { show: true, position: 'right' },
        barMaxWidth: 22,
      },
    ],
  };

  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height: Math.max(160, kinds.length * 36 + 24), width: '100%' }}
      opts={{ renderer: 'canvas' }}
    />
  );
}
