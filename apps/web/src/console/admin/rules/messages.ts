import type { Shape } from '../../i18n/shape';

/** Messages of this administration area: zh-CN first, en with the same keys (typed and tested). */
export const zh = {
  title: '规则与日历',
} as const;

export const en: Shape<typeof zh> = {
  title: 'Rules and calendars',
};
