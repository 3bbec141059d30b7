export {
  ALWAYS_ON_SCHEME_VERSION,
  DEFAULT_SCHEME_VERSION,
  createWorkingCalendar,
  dayNumber,
  dayString,
  isWorkingDay,
  isoWeekday,
} from './working-calendar';
export type {
  DayOverride,
  SchemeVersion,
  WorkPeriod,
  WorkingCalendar,
  WorkingCalendarInput,
} from './working-calendar';
export {
  addLimit,
  addWorkingTime,
  isWorkingInstant,
  nextWorkingInstant,
  workingTimeBetween,
} from './working-time';
export type { LimitUnit } from './working-time';
