/**
 * Who sees 数据分析 in the menu (the server checks again, and refuses users with a department
 * scope whatever their roles). Kept apart so the console's first load carries only this list.
 */
export const ANALYTICS_ROLES = [
  'commander',
  'leader',
  'admin',
  'shift_leader',
  'dispatcher',
  'operator',
];
