// Local wall-clock arithmetic on a fixed UTC offset. China keeps +08:00 all year (no DST),
// so a calendar never consults the host time zone: every conversion goes through UTC
// milliseconds shifted by the calendar's own offset.

export const MINUTE_MS = 60_000;
export const MINUTES_PER_DAY = 24 * 60;
export const DAY_MS = MINUTES_PER_DAY * MINUTE_MS;

/** A local position: whole days since 1970-01-01 and milliseconds since local midnight. */
export type LocalPosition = { day: number; msOfDay: number };

/**
 * Day number (days since 1970-01-01) of a 'YYYY-MM-DD' string, or NaN when the string is
 * not a real calendar date (e.g. '2026-02-30').
 */
export function dayNumber(day: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return Number.NaN;
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) return Number.NaN;
  return ms / DAY_MS;
}

/** The 'YYYY-MM-DD' string of a day number. */
export function dayString(dayIndex: number): string {
  return new Date(dayIndex * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number. */
export function isoWeekday(dayIndex: number): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((dayIndex + 3) % 7) + 7) % 7) + 1;
}

/** Minutes since midnight of a local 'HH:MM' ('24:00' allowed as the end of the day). */
export function parseClock(value: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) {
    throw new Error(`time "${value}" is not HH:MM between 00:00 and 24:00`);
  }
  return hours * 60 + minutes;
}

/** Milliseconds since the epoch of a Date, refusing invalid dates up front. */
export function instantMs(at: Date, name: string): number {
  const ms = at.getTime();
  if (Number.isNaN(ms)) throw new Error(`${name} is not a valid date`);
  return ms;
}

/** Where an instant falls on the local wall clock of a fixed offset. */
export function toLocal(offsetMs: number, ms: number): LocalPosition {
  const local = ms + offsetMs;
  const day = Math.floor(local / DAY_MS);
  return { day, msOfDay: local - day * DAY_MS };
}

/** The instant of a local day and time of day. */
export function fromLocal(offsetMs: number, day: number, msOfDay: number): Date {
  return new Date(day * DAY_MS + msOfDay - offsetMs);
}
