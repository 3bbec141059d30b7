import { createHash } from 'node:crypto';

export type HashedFields = {
  caseId: number;
  seq: number;
  action: string;
  fromState: string | null;
  toState: string;
  actorUserId: number | null;
  actorRoles: readonly string[];
  opinion: string | null;
  detail: Record<string, unknown>;
  at: Date;
  prevHash: string;
};

/** Keys sorted at every level, so the same content always hashes the same. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** SHA-256 over a row's content and the previous row's hash: editing any row breaks the chain. */
export function actionHash(fields: HashedFields): string {
  return createHash('sha256')
    .update(canonical({ ...fields, at: fields.at.toISOString() }))
    .digest('hex');
}

export const GENESIS_HASH = '0'.repeat(64);
