import type { SchemeVersion } from './working-calendar';

/** Deep-freezes a shared constant so no caller can change it for everyone else. */
function frozen(version: SchemeVersion): SchemeVersion {
  version.periods.forEach((period) => Object.freeze(period));
  Object.freeze(version.periods);
  Object.freeze(version.workingWeekdays);
  return Object.freeze(version);
}

/** Standard office hours: 08:00–12:00 and 14:00–18:00, Monday to Friday (8 h a day). */
export const DEFAULT_SCHEME_VERSION: SchemeVersion = frozen({
  validFrom: '2000-01-01',
  periods: [
    { start: '08:00', end: '12:00' },
    { start: '14:00', end: '18:00' },
  ],
  workingWeekdays: [1, 2, 3, 4, 5],
});

/** Round the clock, every day of the week (24 h departments such as emergency repair). */
export const ALWAYS_ON_SCHEME_VERSION: SchemeVersion = frozen({
  validFrom: '2000-01-01',
  periods: [{ start: '00:00', end: '24:00' }],
  workingWeekdays: [1, 2, 3, 4, 5, 6, 7],
});
