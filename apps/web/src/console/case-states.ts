/**
 * The case states a user works with, in workflow order (drafts stay on the supervisor's phone).
 * The console talks HTTP only, so it keeps this list rather than importing the domain package.
 */
export const OPEN_STATES = [
  'PENDING_ACCEPT',
  'PENDING_VERIFY',
  'PENDING_FILE',
  'PENDING_DISPATCH',
  'DISPOSING',
  'RETURN_REQUESTED',
  'HOLD_REQUESTED',
  'ON_HOLD',
  'PENDING_CHECK',
  'PENDING_CLOSE',
  'SELF_DISPOSED_REVIEW',
] as const;

export const LISTED_STATES = [...OPEN_STATES, 'CLOSED', 'VOID'] as const;
