/** The only way anything learns the time: injected, so tests can move it by hand. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** China's offset from UTC (no daylight saving time): local days and months use it. */
export const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The China-time calendar date of an instant, YYYY-MM-DD. */
export function chinaDateKey(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
