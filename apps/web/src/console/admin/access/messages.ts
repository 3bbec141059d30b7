import type { Shape } from '../../i18n/shape';

/** Messages of this administration area: zh-CN first, en with the same keys (typed and tested). */
export const zh = {
  title: '组织与权限',
} as const;

export const en: Shape<typeof zh> = {
  title: 'Organisation and access',
};
