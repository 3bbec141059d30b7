// Shared fixtures for the calendar tests: readable +08:00 instants and the real 2026
// Mid-Autumn / National Day arrangement (国务院办公厅 notice for 2026: 25–27 Sep and 1–7 Oct
// off; Sunday 20 Sep and Saturday 10 Oct worked as 调休 make-up days).
import { DEFAULT_SCHEME_VERSION } from './standard-schemes';
import {
  createWorkingCalendar,
  type DayOverride,
  type SchemeVersion,
  type WorkingCalendar,
} from './working-calendar';

const CHINA_OFFSET_MINUTES = 480;

/** The instant of a China local time such as '2026-11-20T17:00'. */
export const at = (local: string): Date => new Date(`${local}+08:00`);

/** China local time of an instant as 'YYYY-MM-DDTHH:MM' (seconds only when not zero). */
export function local(instant: Date): string {
  const text = new Date(instant.getTime() + CHINA_OFFSET_MINUTES * 60_000).toISOString();
  return text.endsWith(':00.000Z') ? text.slice(0, 16) : text.slice(0, 23);
}

export function calendarOf(
  options: { versions?: SchemeVersion[]; overrides?: DayOverride[] } = {},
): WorkingCalendar {
  return createWorkingCalendar({
    utcOffsetMinutes: CHINA_OFFSET_MINUTES,
    versions: options.versions ?? [DEFAULT_SCHEME_VERSION],
    overrides: options.overrides ?? [],
  });
}

const off = (day: string, note: string): DayOverride => ({ day, isWorking: false, note });
const makeUp = (day: string): DayOverride => ({ day, isWorking: true, note: '调休' });

export const HOLIDAYS_AUTUMN_2026: DayOverride[] = [
  makeUp('2026-09-20'),
  ...['25', '26', '27'].map((d) => off(`2026-09-${d}`, '中秋节')),
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => off(`2026-10-${d}`, '国庆节')),
  makeUp('2026-10-10'),
];

/** Summer hours from 1 July 2027: 07:30–11:30 and 15:00–18:00 (7 h a day). */
export const SUMMER_2027: SchemeVersion = {
  validFrom: '2027-07-01',
  periods: [
    { start: '07:30', end: '11:30' },
    { start: '15:00', end: '18:00' },
  ],
  workingWeekdays: [1, 2, 3, 4, 5],
};

/** Deterministic pseudo-random numbers in [0, 1): a 32-bit linear congruential generator. */
export function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    // Math.imul keeps the product exact in 32 bits, where a float multiply would round.
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}
