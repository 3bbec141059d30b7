import type { Shape } from '../../i18n/shape';

/** Messages of this administration area: zh-CN first, en with the same keys (typed and tested). */
export const zh = {
  title: '网格与部件',
} as const;

export const en: Shape<typeof zh> = {
  title: 'Grids and components',
};
