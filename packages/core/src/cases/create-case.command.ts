import {
  catalogueRepository,
  caseRepository,
  componentRepository,
  type CaseRow,
  type Executor,
} from '@xiuhua/db';
import {
  AppError,
  chinaDateKey,
  invalidInput,
  requireAnyRole,
  requireRegion,
  STEP_OF_STATE,
  type Actor,
  type CaseSource,
} from '@xiuhua/domain';
import { inTransaction, type AppContext } from '../context';
import { gridIndex } from '../grids/grid-locator.cache';
import { applyClockEffect, timerCalendar } from './case-timers';
import { appendCaseAction } from './case-log';
import { idempotencyKeyUsed, idempotent, type IdempotentResult } from './idempotency';
import { newTrackingCode } from './tracking-code';
import { refreshCaseFacts } from '../evaluation/case-facts';

export type CreateCaseInput = {
  source: CaseSource;
  description: string;
  lng: number;
  lat: number;
  address?: string | null;
  classId?: number | null;
  conditionCode?: string | null;
  urgency?: 'normal' | 'urgent' | null;
  componentId?: string | null;
  sourceRef?: string | null;
  reporterName?: string | null;
  reporterPhone?: string | null;
  /** Supervisors may keep a report as a draft before sending it. */
  draft?: boolean;
  /** Public reports get a tracking code the reporter follows the case with. */
  withTrackingCode?: boolean;
  /** Channel details that are not case columns (Open311 attributes, client ids, media URLs). */
  intake?: Record<string, unknown>;
};

/** Who may open a case from which source. */
const SOURCE_ROLES: Record<
  CaseSource,
  readonly ('supervisor' | 'operator' | 'leader' | 'department_handler' | 'commander' | 'admin')[]
> = {
  supervisor: ['supervisor'],
  hotline_12345: ['operator', 'admin'],
  hotline_12319: ['operator', 'admin'],
  citizen_web: ['operator', 'admin'],
  open311: ['operator', 'admin'],
  video: ['operator', 'admin'],
  sensor: ['operator', 'admin'],
  media: ['operator', 'admin'],
  leader: ['leader', 'commander'],
  department: ['department_handler'],
};

/** Draws the next number of a district's day in a short transaction of its own. */
async function drawCaseNumber(ctx: AppContext, districtCode: string, day: string) {
  return inTransaction(ctx, async (trx) => {
    await caseRepository.commitWithoutFlush(trx);
    return caseRepository.nextNumber(trx, districtCode, day);
  });
}

/** The unit grid holding a point; 404 OUTSIDE_JURISDICTION (naming lng,lat) outside all grids. */
export async function gridAt(ctx: AppContext, lng: number, lat: number) {
  const { locator } = await gridIndex(ctx);
  const grid = locator.locate(lng, lat);
  if (!grid) {
    throw new AppError({
      code: 'OUTSIDE_JURISDICTION',
      text: {
        zh: `位置 (${lng}, ${lat}) 不在辖区任何单元网格内`,
        en: `(${lng}, ${lat}) is not inside any unit grid of the jurisdiction`,
      },
      details: [{ field: 'lng,lat', reason: 'outside all unit grids' }],
    });
  }
  return grid;
}

/** The local (UTC+8) date as yyyymmdd: case numbers count per district and local day. */
export function caseNumberDay(now: Date): string {
  return chinaDateKey(now).replace(/-/g, '');
}

/**
 * Opens a case: locates it in a unit grid (404 OUTSIDE_JURISDICTION outside all grids), checks
 * the class and component, numbers it (<district>-<yyyymmdd>-<nnnnn>, local date), writes the
 * case, its first log row, its first timer and a `case.created` event in one transaction.
 * With an idempotency key, retries return the first answer and create nothing.
 */
export async function createCase(
  ctx: AppContext,
  actor: Actor,
  input: CreateCaseInput,
  options: {
    idempotencyKey?: string;
    /** More writes that belong to the same change (e.g. the hotline order the case comes from). */
    within?: (trx: Executor, row: CaseRow) => Promise<void>;
  } = {},
): Promise<IdempotentResult<CaseRow>> {
  requireAnyRole(actor, SOURCE_ROLES[input.source]);
  const db = ctx.db.kysely;
  const grid = await gridAt(ctx, input.lng, input.lat);
  requireRegion(actor, grid.code);
  if (input.classId !== undefined && input.classId !== null) {
    const cls = await catalogueRepository.findById(db, input.classId);
    if (!cls?.active)
      throw invalidInput('classId', { zh: '类别不存在或已停用', en: 'unknown or inactive class' });
  }
  if (input.componentId && !(await componentRepository.findById(db, input.componentId))) {
    throw invalidInput('componentId', { zh: '部件不存在', en: 'unknown component' });
  }
  if (input.draft && input.source !== 'supervisor')
    throw invalidInput('draft', {
      zh: '只有监督员上报可存为草稿',
      en: 'only supervisor reports can be drafts',
    });
  const state: 'DRAFT' | 'PENDING_ACCEPT' = input.draft ? 'DRAFT' : 'PENDING_ACCEPT';
  const level =
    actor.scope.kind === 'region' && actor.scope.divisionCode.length >= 9 ? 'street' : 'district';
  const now = ctx.clock.now();
  const calendar = await timerCalendar(ctx);
  const day = caseNumberDay(now);
  // The number is drawn before the case's transaction, in one of its own, so the counter row
  // is locked for a moment instead of for the whole intake (which made intakes take turns).
  // A request that then fails leaves a gap in the day's numbers; a replayed key draws none.
  const sequence = (await idempotencyKeyUsed(ctx, actor, options.idempotencyKey))
    ? null
    : await drawCaseNumber(ctx, grid.districtCode, day);

  return inTransaction(ctx, async (trx) =>
    idempotent(
      trx,
      { actor, key: options.idempotencyKey, request: input, at: now, status: 201 },
      async () => {
        const row = await caseRepository.insert(trx, {
          case_number: `${grid.districtCode}-${day}-${String(
            sequence ?? (await caseRepository.nextNumber(trx, grid.districtCode, day)),
          ).padStart(5, '0')}`,
          state,
          source: input.source,
          source_ref: input.sourceRef ?? null,
          level,
          class_id: input.classId ?? null,
          condition_code: input.conditionCode ?? null,
          urgency: input.urgency ?? null,
          description: input.description,
          address: input.address ?? null,
          lng: input.lng,
          lat: input.lat,
          grid_code: grid.code,
          community_code: grid.communityCode,
          street_code: grid.streetCode,
          district_code: grid.districtCode,
          component_id: input.componentId ?? null,
          reporter_user_id: actor.via === 'system' ? null : actor.userId,
          reporter_name: input.reporterName ?? null,
          reporter_phone: input.reporterPhone ?? null,
          created_by: actor.via === 'system' ? null : actor.userId,
          created_at: now,
          updated_at: now,
          tracking_code: input.withTrackingCode ? newTrackingCode() : null,
          intake: JSON.stringify(input.intake ?? {}),
        });
        const id = row.id;
        await appendCaseAction(trx, {
          caseId: id,
          action: 'create',
          fromState: null,
          toState: state,
          actor,
          opinion: null,
          detail: { source: input.source, gridCode: grid.code },
          at: now,
          first: true,
          event: {
            type: 'case.created',
            payload: { caseId: id, caseNumber: row.case_number, state },
          },
        });
        await applyClockEffect(trx, {
          calendar,
          row,
          clock: { kind: 'start', step: STEP_OF_STATE[state] },
          to: state,
          now,
          postponeMinutes: 0,
          fresh: true,
        });
        if (options.within) await options.within(trx, row);
        await refreshCaseFacts(trx, id, options.within ? undefined : row, { fresh: true });
        return row;
      },
    ),
  );
}
