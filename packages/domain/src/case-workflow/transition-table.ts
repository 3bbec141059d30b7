import { DISPOSAL_TRANSITIONS } from './disposal-transitions';
import { INTAKE_TRANSITIONS } from './intake-transitions';
import type { Transition } from './transition-types';

export * from './transition-types';

/**
 * The whole case workflow as one table: from-states × action → to-state, who may act, the
 * guard, the effect on the clock and the case. `applyTransition` is the only way to use it.
 */
export const TRANSITIONS: readonly Transition[] = [...INTAKE_TRANSITIONS, ...DISPOSAL_TRANSITIONS];
