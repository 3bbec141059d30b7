import { createHash, randomBytes } from 'node:crypto';

/** A fresh random secret with a readable prefix (`xhs_` session, `xht_` API token). */
export function newSecret(prefix: 'xhs' | 'xht'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** Only hashes of secrets are stored. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
