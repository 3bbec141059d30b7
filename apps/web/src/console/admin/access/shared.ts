import { ElMessageBox } from 'element-plus';
import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { me } from '../../session';

/** The staff roles, in the order of packages/domain/src/access/roles.ts (a test keeps them equal). */
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

export const CENTRE_LEVELS = ['city', 'district', 'street'] as const;
export const DEPARTMENT_LEVELS = ['first', 'second'] as const;

export type Organisation = {
  id: number;
  code: string;
  name: string;
  kind: 'centre' | 'department';
  level: string;
  parentId: number | null;
  divisionCode: string | null;
  phone: string | null;
  active: boolean;
};

export type User = {
  id: number;
  username: string;
  displayName: string;
  roles: string[];
  organisationId: number | null;
  scopeKind: 'all' | 'region' | 'department';
  scopeDivisionCode: string | null;
  scopeOrganisationId: number | null;
  phone: string | null;
  active: boolean;
  lastLoginAt: string | null;
  createdAt: string;
};

export type Division = { code: string; name: string; level: string; parentCode: string | null };

/** The same rule the server applies to new passwords. */
export const passwordOk = (password: string) =>
  password.length >= 8 && /[A-Za-z]/.test(password) && /[0-9]/.test(password);

/** Whether the signed-in user may change things here (others get read-only views). */
export function useIsAdmin() {
  return computed(() => me.value?.roles.includes('admin') ?? false);
}

/** Date and time in China Standard Time, in the page's language (to the minute by default). */
export function useWhen(options: { seconds?: boolean } = {}) {
  const { locale } = useI18n();
  return (at: string | null | undefined) =>
    at
      ? new Date(at).toLocaleString(locale.value === 'en' ? 'en' : 'zh-CN', {
          timeZone: 'Asia/Shanghai',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          ...(options.seconds ? { second: '2-digit' } : {}),
          hour12: false,
        })
      : '—';
}

/** Asks before a destructive change; resolves true when confirmed. */
export function useConfirm() {
  const { t } = useI18n();
  return async (message: string): Promise<boolean> => {
    try {
      await ElMessageBox.confirm(message, t('access.common.confirmTitle'), {
        type: 'warning',
        confirmButtonText: t('access.common.confirm'),
        cancelButtonText: t('access.common.cancel'),
        confirmButtonClass: 'access-confirm-ok',
        cancelButtonClass: 'access-confirm-cancel',
      });
      return true;
    } catch {
      return false;
    }
  };
}

/** A label for a server enum value, or the raw value when there is no message for it. */
export function useEnumLabel() {
  const { t, te } = useI18n();
  return (group: string, value: string) =>
    te(`access.${group}.${value}`) ? t(`access.${group}.${value}`) : value;
}

/** Organisations as a tree (parents first), for ElTable's tree rows. */
export type OrganisationNode = Organisation & { children?: OrganisationNode[] };
export function organisationTree(rows: Organisation[]): OrganisationNode[] {
  const byId = new Map<number, OrganisationNode>(rows.map((r) => [r.id, { ...r }]));
  const roots: OrganisationNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId === null ? undefined : byId.get(node.parentId);
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}
