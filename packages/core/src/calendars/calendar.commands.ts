import { calendarRepository, type Executor } from '@xiuhua/db';
import {
  AppError,
  createWorkingCalendar,
  invalidInput,
  notFound,
  requireAnyRole,
  type Actor,
} from '@xiuhua/domain';
import { inTransaction, type AppContext } from '../context';
import { audit } from '../shared/audit';
import { CALENDAR_CACHE } from './calendar.queries';

export type PeriodInput = { start: string; end: string };
export type VersionInput = { validFrom: string; periods: PeriodInput[]; workingWeekdays: number[] };

const SCHEME = { zh: '作息方案', en: 'Timing scheme' };

/** Lets the domain validate periods and weekdays; its message names the problem. */
function checkVersion(version: VersionInput, field: string): void {
  try {
    createWorkingCalendar({ utcOffsetMinutes: 480, versions: [version], overrides: [] });
  } catch (error) {
    const message = (error as Error).message;
    throw invalidInput(field, { zh: `作息时间无效：${message}`, en: message });
  }
}

async function schemeId(db: Executor, code: string): Promise<number> {
  const scheme = await calendarRepository.findScheme(db, code);
  if (!scheme) throw notFound(SCHEME, code);
  return scheme.id;
}

/** Creates a timing scheme with its first version (e.g. 24 h for emergency departments). */
export async function createTimingScheme(
  ctx: AppContext,
  actor: Actor,
  input: {
    code: string;
    name: string;
    utcOffsetMinutes?: number;
    isDefault?: boolean;
    version: VersionInput;
  },
): Promise<void> {
  requireAnyRole(actor, ['admin']);
  checkVersion(input.version, 'version');
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    if (await calendarRepository.findScheme(trx, input.code)) {
      throw new AppError({
        code: 'ALREADY_EXISTS',
        text: {
          zh: `作息方案已存在：${input.code}`,
          en: `Timing scheme already exists: ${input.code}`,
        },
        details: [{ field: 'code', reason: 'already exists' }],
      });
    }
    if (input.isDefault && (await calendarRepository.findDefaultScheme(trx))) {
      throw invalidInput('isDefault', {
        zh: '已有默认作息方案',
        en: 'there is already a default scheme',
      });
    }
    const id = await calendarRepository.insertScheme(trx, {
      code: input.code,
      name: input.name,
      utcOffsetMinutes: input.utcOffsetMinutes ?? 480,
      isDefault: input.isDefault ?? false,
    });
    await calendarRepository.upsertVersion(trx, { schemeId: id, ...input.version });
    await audit(trx, {
      actor,
      at: now,
      action: 'create',
      entity: 'timing_scheme',
      entityId: input.code,
      detail: { ...input },
    });
  });
  ctx.caches.invalidate(CALENDAR_CACHE);
}

/** Adds (or replaces) the scheme's hours from a date on, e.g. summer hours. */
export async function putSchemeVersion(
  ctx: AppContext,
  actor: Actor,
  code: string,
  version: VersionInput,
): Promise<void> {
  requireAnyRole(actor, ['admin']);
  checkVersion(version, 'body');
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    const id = await schemeId(trx, code);
    await calendarRepository.upsertVersion(trx, { schemeId: id, ...version });
    await audit(trx, {
      actor,
      at: now,
      action: 'put_version',
      entity: 'timing_scheme',
      entityId: code,
      detail: { ...version },
    });
  });
  ctx.caches.invalidate(CALENDAR_CACHE);
}

/** Marks days as holidays (isWorking false) or make-up working days (true). */
export async function setCalendarDays(
  ctx: AppContext,
  actor: Actor,
  code: string,
  days: { day: string; isWorking: boolean; note?: string | null }[],
): Promise<void> {
  requireAnyRole(actor, ['admin']);
  const seen = new Set<string>();
  days.forEach((d, index) => {
    if (
      Number.isNaN(Date.parse(`${d.day}T00:00:00Z`)) ||
      new Date(`${d.day}T00:00:00Z`).toISOString().slice(0, 10) !== d.day
    ) {
      throw invalidInput(`days.${index}.day`, {
        zh: `日期无效：${d.day}`,
        en: `not a real date: ${d.day}`,
      });
    }
    if (seen.has(d.day))
      throw invalidInput(`days.${index}.day`, {
        zh: `日期重复：${d.day}`,
        en: `duplicate day ${d.day}`,
      });
    seen.add(d.day);
  });
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    const id = await schemeId(trx, code);
    await calendarRepository.upsertDays(
      trx,
      id,
      days.map((d) => ({ day: d.day, isWorking: d.isWorking, note: d.note ?? null })),
    );
    await audit(trx, {
      actor,
      at: now,
      action: 'set_days',
      entity: 'timing_scheme',
      entityId: code,
      detail: { days },
    });
  });
  ctx.caches.invalidate(CALENDAR_CACHE);
}

/** Removes a day override so the weekly rule applies again. */
export async function clearCalendarDay(
  ctx: AppContext,
  actor: Actor,
  code: string,
  day: string,
): Promise<void> {
  requireAnyRole(actor, ['admin']);
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    const id = await schemeId(trx, code);
    if ((await calendarRepository.deleteDay(trx, id, day)) === 0) {
      throw notFound({ zh: '日历例外日', en: 'Calendar day override' }, day);
    }
    await audit(trx, {
      actor,
      at: now,
      action: 'clear_day',
      entity: 'timing_scheme',
      entityId: code,
      detail: { day },
    });
  });
  ctx.caches.invalidate(CALENDAR_CACHE);
}
