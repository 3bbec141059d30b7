// Earlier import path of the calendar arithmetic, still used inside this package by
// sla/step-timer.ts and catalogue/default-rules.ts; new code imports from './index'.
export { addLimit, type LimitUnit } from './add-limit';
export { addWorkingTime } from './add-working-time';
export { isWorkingInstant, nextWorkingInstant } from './working-instant';
export { workingTimeBetween } from './working-time-between';
