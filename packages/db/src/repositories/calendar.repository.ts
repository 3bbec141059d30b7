import type { Selectable } from 'kysely';
import type { CalendarDaysTable, TimingSchemesTable } from '../schema/database';
import type { Executor } from './executor';

export type TimingSchemeRow = Selectable<TimingSchemesTable>;
export type CalendarDayRow = Selectable<CalendarDaysTable>;
export type SchemeVersionRow = {
  valid_from: string;
  periods: { start: string; end: string }[];
  working_weekdays: number[];
};

export const calendarRepository = {
  async insertScheme(
    db: Executor,
    scheme: { code: string; name: string; utcOffsetMinutes: number; isDefault: boolean },
  ): Promise<number> {
    const { id } = await db
      .insertInto('timing_schemes')
      .values({
        code: scheme.code,
        name: scheme.name,
        utc_offset_minutes: scheme.utcOffsetMinutes,
        is_default: scheme.isDefault,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  async findScheme(db: Executor, code: string): Promise<TimingSchemeRow | undefined> {
    return db.selectFrom('timing_schemes').selectAll().where('code', '=', code).executeTakeFirst();
  },

  async findDefaultScheme(db: Executor): Promise<TimingSchemeRow | undefined> {
    return db
      .selectFrom('timing_schemes')
      .selectAll()
      .where('is_default', '=', true)
      .executeTakeFirst();
  },

  async listSchemes(db: Executor): Promise<TimingSchemeRow[]> {
    return db.selectFrom('timing_schemes').selectAll().orderBy('id').execute();
  },

  async upsertVersion(
    db: Executor,
    version: {
      schemeId: number;
      validFrom: string;
      periods: { start: string; end: string }[];
      workingWeekdays: number[];
    },
  ): Promise<void> {
    await db
      .insertInto('timing_scheme_versions')
      .values({
        scheme_id: version.schemeId,
        valid_from: version.validFrom,
        periods: JSON.stringify(version.periods),
        working_weekdays: version.workingWeekdays,
      })
      .onConflict((oc) =>
        oc.columns(['scheme_id', 'valid_from']).doUpdateSet((eb) => ({
          periods: eb.ref('excluded.periods'),
          working_weekdays: eb.ref('excluded.working_weekdays'),
        })),
      )
      .execute();
  },

  async deleteVersion(db: Executor, schemeId: number, validFrom: string): Promise<number> {
    const result = await db
      .deleteFrom('timing_scheme_versions')
      .where('scheme_id', '=', schemeId)
      .where('valid_from', '=', validFrom)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  async versions(db: Executor, schemeId: number): Promise<SchemeVersionRow[]> {
    return db
      .selectFrom('timing_scheme_versions')
      .select(['valid_from', 'periods', 'working_weekdays'])
      .where('scheme_id', '=', schemeId)
      .orderBy('valid_from')
      .execute();
  },

  async days(
    db: Executor,
    schemeId: number,
    range: { from?: string; to?: string } = {},
  ): Promise<CalendarDayRow[]> {
    let query = db.selectFrom('calendar_days').selectAll().where('scheme_id', '=', schemeId);
    if (range.from) query = query.where('day', '>=', range.from);
    if (range.to) query = query.where('day', '<=', range.to);
    return query.orderBy('day').execute();
  },

  async upsertDays(
    db: Executor,
    schemeId: number,
    days: readonly { day: string; isWorking: boolean; note: string | null }[],
  ): Promise<void> {
    if (days.length === 0) return;
    await db
      .insertInto('calendar_days')
      .values(
        days.map((d) => ({
          scheme_id: schemeId,
          day: d.day,
          is_working: d.isWorking,
          note: d.note,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['scheme_id', 'day']).doUpdateSet((eb) => ({
          is_working: eb.ref('excluded.is_working'),
          note: eb.ref('excluded.note'),
        })),
      )
      .execute();
  },

  async deleteDay(db: Executor, schemeId: number, day: string): Promise<number> {
    const result = await db
      .deleteFrom('calendar_days')
      .where('scheme_id', '=', schemeId)
      .where('day', '=', day)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
