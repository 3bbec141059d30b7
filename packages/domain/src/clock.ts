/** The only way anything learns the time: injected, so tests can move it by hand. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };
