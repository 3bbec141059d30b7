import { LineChart, PieChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { init, use, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

const TEXT = '#c9d7e8';
const AXIS = '#2a4462';

export function createChart(el: HTMLElement): ECharts {
  return init(el, undefined, { renderer: 'canvas' });
}

export function lightsOption(
  lights: { name: string; value: number; color: string }[],
  emptyText: string,
): Parameters<ECharts['setOption']>[0] {
  const total = lights.reduce((sum, l) => sum + l.value, 0);
  return {
    title: {
      show: total === 0,
      text: emptyText,
      left: 'center',
      top: 'middle',
      textStyle: { color: '#6d88a6', fontSize: 20, fontWeight: 'normal' },
    },
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, textStyle: { color: TEXT, fontSize: 16 } },
    series: [
      {
        type: 'pie',
        radius: ['45%', '70%'],
        stillShowZeroSum: false,
        label: { color: TEXT, fontSize: 18, formatter: '{c}' },
        data: lights.map((l) => ({ name: l.name, value: l.value, itemStyle: { color: l.color } })),
      },
    ],
  };
}

export function trendOption(
  days: string[],
  series: { name: string; data: number[]; color: string }[],
): Parameters<ECharts['setOption']>[0] {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: TEXT, fontSize: 16 } },
    grid: { left: 50, right: 20, top: 40, bottom: 30 },
    xAxis: {
      type: 'category',
      data: days.map((d) => d.slice(5)),
      axisLabel: { color: TEXT },
      axisLine: { lineStyle: { color: AXIS } },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { color: TEXT },
      splitLine: { lineStyle: { color: AXIS } },
    },
    series: series.map((s) => ({
      name: s.name,
      type: 'line',
      smooth: true,
      data: s.data,
      itemStyle: { color: s.color },
      areaStyle: { opacity: 0.15 },
    })),
  };
}
