import type { HeatmapSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { Bucket, Patterns, Trends } from './analytics-api';

export type ChartOption = ComposeOption<
  | LineSeriesOption
  | HeatmapSeriesOption
  | AriaComponentOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;

const TOTAL_COLOUR = '#1f2d3d';
const PREVIOUS_COLOUR = '#909399';
export const PEAK_COLOUR = '#d93025';
const HEAT_COLOURS = ['#f4f6f8', '#fde2c8', '#f8a65b', '#e8591a', '#a83208'];

/** A bucket's axis label: the day (MM-DD) for days and weeks, the month (YYYY-MM) for months. */
export function bucketLabel(key: string, bucket: Bucket): string {
  return bucket === 'month' ? key.slice(0, 7) : key.slice(5);
}

/**
 * One line per series, the total as a bold line and the previous period's total dashed, so the
 * period-over-period change shows at a glance.
 */
export function trendOption(
  trends: Trends,
  labels: { series: (key: string, label: string) => string; total: string; previous: string },
): ChartOption {
  const x = trends.buckets.map((b) => bucketLabel(b.key, trends.bucket));
  const line = (name: string, data: number[], extra: Partial<LineSeriesOption> = {}) =>
    ({
      type: 'line',
      name,
      data,
      symbolSize: 5,
      emphasis: { focus: 'series' },
      ...extra,
    }) as LineSeriesOption;
  return {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 48, right: 24, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: x, boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      line(
        labels.total,
        trends.total.points.map((p) => p.count),
        { lineStyle: { width: 3 }, itemStyle: { color: TOTAL_COLOUR }, z: 3 },
      ),
      line(
        labels.previous,
        trends.total.points.map((p) => p.previous),
        {
          lineStyle: { type: 'dashed', width: 2 },
          itemStyle: { color: PREVIOUS_COLOUR },
          symbol: 'none',
        },
      ),
      ...trends.series.map((s) =>
        line(
          labels.series(s.key, s.label),
          s.points.map((p) => p.count),
        ),
      ),
    ],
  };
}

/**
 * Weekday (rows, Monday on top) × hour (columns); the peak cell framed in red with its count.
 */
export function patternOption(patterns: Patterns, weekdays: string[]): ChartOption {
  const hours = Array.from({ length: 24 }, (_, h) => String(h));
  const peak = patterns.peak;
  const data: NonNullable<HeatmapSeriesOption['data']> = patterns.matrix.flatMap((row, day) =>
    row.map((count, hour) =>
      peak && peak.weekday === day && peak.hour === hour
        ? {
            value: [hour, day, count],
            itemStyle: { borderColor: PEAK_COLOUR, borderWidth: 3 },
            label: { show: true, fontWeight: 'bold' as const },
          }
        : [hour, day, count],
    ),
  );
  return {
    tooltip: { position: 'top' },
    grid: { left: 56, right: 24, top: 16, bottom: 72 },
    xAxis: { type: 'category', data: hours, splitArea: { show: true } },
    yAxis: { type: 'category', data: weekdays, inverse: true, splitArea: { show: true } },
    visualMap: {
      type: 'continuous',
      min: 0,
      max: Math.max(1, peak?.count ?? 0),
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 8,
      inRange: { color: HEAT_COLOURS },
    },
    series: [
      {
        type: 'heatmap',
        data,
        label: { show: false },
        emphasis: { itemStyle: { borderColor: TOTAL_COLOUR, borderWidth: 1 } },
      },
    ],
  };
}
