import type { Role } from './roles';

/**
 * What data a user may see:
 * - `all`: the whole installation (city centre, admins);
 * - `region`: one division and everything below it (a district, street or community code);
 * - `department`: one department and its second-level units.
 */
export type Scope =
  | { kind: 'all' }
  | { kind: 'region'; divisionCode: string }
  | { kind: 'department'; organisationId: number };

/** The authenticated caller of any command or query. */
export type Actor = {
  userId: number;
  username: string;
  displayName: string;
  roles: readonly Role[];
  scope: Scope;
  organisationId: number | null;
  via: 'session' | 'token' | 'system';
};
