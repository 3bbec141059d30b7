import type { LocalizedText } from '../errors/app-error';

/** The eight staff roles of a centre (DOMAIN.md §4); a user may hold several. */
export const ROLES = [
  'supervisor',
  'operator',
  'shift_leader',
  'dispatcher',
  'department_handler',
  'commander',
  'leader',
  'admin',
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, LocalizedText> = {
  supervisor: { zh: '监督员', en: 'Supervisor' },
  operator: { zh: '受理员', en: 'Operator' },
  shift_leader: { zh: '值班长', en: 'Shift leader' },
  dispatcher: { zh: '派遣员', en: 'Dispatcher' },
  department_handler: { zh: '专业部门处置人员', en: 'Department handler' },
  commander: { zh: '指挥长', en: 'Commander' },
  leader: { zh: '领导（只读）', en: 'Leader (read-only)' },
  admin: { zh: '系统管理员', en: 'Administrator' },
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Roles of the centres (as opposed to departments). */
export const CENTRE_ROLES: readonly Role[] = [
  'supervisor',
  'operator',
  'shift_leader',
  'dispatcher',
  'commander',
];
