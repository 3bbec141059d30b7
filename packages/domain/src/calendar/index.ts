export { addLimit, minutesPerWorkingDay } from './add-limit';
export type { LimitUnit } from './add-limit';
export { addWorkingTime } from './add-working-time';
export { isWorkingDay } from './calendar-days';
export { dayNumber, dayString, isoWeekday } from './local-time';
export { ALWAYS_ON_SCHEME_VERSION, DEFAULT_SCHEME_VERSION } from './standard-schemes';
export { createWorkingCalendar } from './working-calendar';
export type {
  DayOverride,
  SchemeVersion,
  WorkPeriod,
  WorkingCalendar,
  WorkingCalendarInput,
} from './working-calendar';
export { isWorkingInstant, nextWorkingInstant } from './working-instant';
export { workingTimeBetween } from './working-time-between';
