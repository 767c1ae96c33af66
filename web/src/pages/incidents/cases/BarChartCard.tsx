import { Card, Empty } from 'antd';
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

registerECharts([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

/** A bar chart in a card: horizontal (categories down the side) unless `vertical`. */
export function BarChartCard(props: {
  title: string;
  labels: string[];
  values: number[];
  colors?: string[];
  vertical?: boolean;
}) {
  const { title, labels, values, colors, vertical } = props;
  const category = { type: 'category' as const, data: vertical ? labels : [...labels].reverse() };
  const value = { type: 'value' as const, minInterval: 1 };
  const data = (vertical ? values : [...values].reverse()).map((v, i) => {
    const color = colors?.[vertical ? i : values.length - 1 - i];
    return color ? { value: v, itemStyle: { color } } : v;
  });
  const option: ChartOption = {
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'item' },
    xAxis: vertical ? category : value,
    yAxis: vertical ? value : category,
    series: [
      {
        type: 'bar',
        data,
        itemStyle: { color: '#1f4e8c' },
        label: { show: true, position: vertical ? 'top' : 'right' },
        barMaxWidth: 22,
      },
    ],
  };
  return (
    <Card size="small" title={title}>
      {values.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <ReactEChartsCore
          echarts={echarts}
          option={option}
          style={{ height: Math.max(200, vertical ? 260 : labels.length * 32 + 40) }}
          notMerge
        />
      )}
    </Card>
  );
}
