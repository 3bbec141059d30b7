import { Type } from '@sinclair/typebox';
import { DateOnly, Nullable, Timestamp } from './common.schema';

const HourMinute = Type.String({
  pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$',
  description: 'local HH:MM; 24:00 ends the day',
});
export const WorkPeriod = Type.Object(
  { start: HourMinute, end: HourMinute },
  { additionalProperties: false },
);

export const SchemeVersion = Type.Object(
  {
    validFrom: DateOnly,
    periods: Type.Array(WorkPeriod, { minItems: 1, maxItems: 12 }),
    workingWeekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), {
      maxItems: 7,
      description: 'ISO weekdays that work by default: 1 = Monday … 7 = Sunday',
    }),
  },
  { additionalProperties: false },
);

export const TimingScheme = Type.Object({
  code: Type.String(),
  name: Type.String(),
  utcOffsetMinutes: Type.Integer(),
  isDefault: Type.Boolean(),
  versions: Type.Array(SchemeVersion),
});

export const CreateTimingSchemeBody = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z0-9_-]{1,40}$' }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    utcOffsetMinutes: Type.Optional(Type.Integer({ minimum: -720, maximum: 840 })),
    isDefault: Type.Optional(Type.Boolean()),
    version: SchemeVersion,
  },
  { additionalProperties: false },
);

export const CalendarDay = Type.Object({
  day: DateOnly,
  isWorking: Type.Boolean(),
  override: Type.Boolean({ description: 'true when a holiday / make-up day entry decides it' }),
  note: Nullable(Type.String()),
});

export const CalendarDaysQuery = Type.Object({ from: DateOnly, to: DateOnly });

export const SetCalendarDaysBody = Type.Object(
  {
    days: Type.Array(
      Type.Object(
        {
          day: DateOnly,
          isWorking: Type.Boolean(),
          note: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 400 },
    ),
  },
  { additionalProperties: false },
);

export const LimitUnitSchema = Type.Union([
  Type.Literal('working_hour'),
  Type.Literal('working_day'),
  Type.Literal('natural_hour'),
  Type.Literal('natural_day'),
  Type.Literal('minute'),
]);

export const DeadlineQuery = Type.Object({
  start: Timestamp,
  value: Type.Integer({ minimum: 0, maximum: 100000 }),
  unit: LimitUnitSchema,
});

export const DeadlineResponse = Type.Object({
  scheme: Type.String(),
  start: Timestamp,
  deadline: Timestamp,
});

export const WorkingTimeQuery = Type.Object({ from: Timestamp, to: Timestamp });
export const WorkingTimeResponse = Type.Object({
  scheme: Type.String(),
  workingMinutes: Type.Integer(),
});
export const SchemeCodeParams = Type.Object({
  code: Type.String({ pattern: '^[a-z0-9_-]{1,40}$' }),
});
export const SchemeDayParams = Type.Object({
  code: Type.String({ pattern: '^[a-z0-9_-]{1,40}$' }),
  day: DateOnly,
});
