import {
  caseActionRepository,
  caseRepository,
  caseTimerRepository,
  organisationRepository,
  type CaseActionRow,
  type CaseRow,
} from '@xiuhua/db';
import {
  allowedActions,
  CASE_STATES,
  notFound,
  remainingMinutes,
  requireAnyRole,
  requireRegion,
  timerLight,
  type Actor,
  type Light,
  type WorkingCalendar,
} from '@xiuhua/domain';
import type { AppContext } from '../context';
import { toLimitOffset, type Page, type Paged } from '../shared/pagination';
import { timerCalendar, toStepTimer } from './case-timers';
import { verifyCaseChain } from './case-log';
import { requireCaseVisible } from './perform-case-action.command';
import { toWorkflowCase } from './case-mapper';

export type TimerView = {
  step: string;
  status: string;
  startedAt: Date;
  dueAt: Date | null;
  light: Light;
  remainingMinutes: number;
  unit: string;
  overdue: boolean | null;
};

export type CaseView = {
  case: CaseRow;
  allowedActions: string[];
  timers: TimerView[];
  /** Whether the actor may see the reporter's name and phone (never departments). */
  showReporter: boolean;
};

function timerView(
  calendar: WorkingCalendar,
  row: Parameters<typeof toStepTimer>[0],
  now: Date,
): TimerView {
  const timer = toStepTimer(row);
  const at = row.finished_at ?? now;
  return {
    step: row.step,
    status: row.status,
    startedAt: row.started_at,
    dueAt: row.due_at,
    light: timerLight(calendar, timer, at),
    remainingMinutes: Math.round(remainingMinutes(calendar, timer, at)),
    unit: row.unit,
    overdue: row.overdue,
  };
}

/** One case as the actor may see it, with the actions they may take now and the live timers. */
export async function getCaseView(
  ctx: AppContext,
  actor: Actor,
  id: number,
  /** The case's row as a command that just committed wrote it (saves reading it again). */
  known?: CaseRow,
): Promise<CaseView> {
  const db = ctx.db.kysely;
  const row = known?.id === id ? known : await caseRepository.findById(db, id);
  if (!row) throw notFound({ zh: '案件', en: 'Case' }, String(id));
  requireCaseVisible(actor, row);
  const now = ctx.clock.now();
  const calendar = await timerCalendar(ctx);
  const timers = (await caseTimerRepository.forCase(db, id)).map((t) =>
    timerView(calendar, t, now),
  );
  return {
    case: row,
    allowedActions: allowedActions({ case: toWorkflowCase(row), actor, now }),
    timers,
    showReporter: actor.scope.kind !== 'department',
  };
}

export async function caseTimeline(
  ctx: AppContext,
  actor: Actor,
  id: number,
): Promise<CaseActionRow[]> {
  const row = await caseRepository.findById(ctx.db.kysely, id);
  if (!row) throw notFound({ zh: '案件', en: 'Case' }, String(id));
  requireCaseVisible(actor, row);
  return caseActionRepository.forCase(ctx.db.kysely, id);
}

export type CaseListQuery = {
  states?: string[];
  source?: string;
  gridCode?: string;
  classId?: number;
  q?: string;
  from?: Date;
  to?: Date;
  region?: string;
  /** Only cases the actor reported. */
  mine?: boolean;
  departmentId?: number;
  keySupervision?: boolean;
  light?: 'green' | 'yellow' | 'red';
  sort?: 'newest' | 'oldest' | 'due';
};

/** Cases the actor may see (region by grid prefix, departments by assignment), newest first. */
export async function listCases(
  ctx: AppContext,
  actor: Actor,
  query: CaseListQuery,
  page: Page,
): Promise<Paged<CaseRow & { light: Light | null; dueAt: Date | null }>> {
  const db = ctx.db.kysely;
  let regionPrefix = query.region;
  if (actor.scope.kind === 'region') {
    if (regionPrefix) requireRegion(actor, regionPrefix);
    else regionPrefix = actor.scope.divisionCode;
  }
  const departmentIds =
    actor.scope.kind === 'department'
      ? await organisationRepository.withChildren(db, actor.scope.organisationId)
      : undefined;
  const { rows, total } = await caseRepository.list(db, {
    ...(query.states ? { states: query.states } : {}),
    ...(regionPrefix ? { regionPrefix } : {}),
    ...(departmentIds ? { departmentIds } : {}),
    ...(query.source ? { source: query.source } : {}),
    ...(query.gridCode ? { gridCode: query.gridCode } : {}),
    ...(query.classId ? { classId: query.classId } : {}),
    ...(query.q ? { q: query.q } : {}),
    ...(query.from ? { createdFrom: query.from } : {}),
    ...(query.to ? { createdTo: query.to } : {}),
    ...(query.mine ? { reporterUserId: actor.userId } : {}),
    ...(query.departmentId ? { departmentId: query.departmentId } : {}),
    ...(query.keySupervision !== undefined ? { keySupervision: query.keySupervision } : {}),
    ...(query.light ? { light: query.light } : {}),
    ...(query.sort ? { sort: query.sort } : {}),
    ...toLimitOffset(page),
  });
  const now = ctx.clock.now();
  const calendar = await timerCalendar(ctx);
  const timers = await caseTimerRepository.activeForCases(
    db,
    rows.map((r) => r.id),
  );
  const lightOf = new Map<number, Light>();
  const dueOf = new Map<number, Date>();
  const rank: Record<Light, number> = { green: 0, yellow: 1, red: 2 };
  for (const t of timers) {
    const light = timerLight(calendar, toStepTimer(t), now);
    const current = lightOf.get(t.case_id);
    if (!current || rank[light] > rank[current]) lightOf.set(t.case_id, light);
    const due = dueOf.get(t.case_id);
    if (t.due_at && (!due || t.due_at < due)) dueOf.set(t.case_id, t.due_at);
  }
  return {
    items: rows.map((r) => ({
      ...r,
      light: lightOf.get(r.id) ?? null,
      dueAt: dueOf.get(r.id) ?? null,
    })),
    total,
    ...page,
  };
}

/** Verifies one case's action-log chain. */
export async function verifyCaseAudit(ctx: AppContext, actor: Actor, id: number) {
  const row = await caseRepository.findById(ctx.db.kysely, id);
  if (!row) throw notFound({ zh: '案件', en: 'Case' }, String(id));
  requireCaseVisible(actor, row);
  return verifyCaseChain(ctx.db.kysely, id);
}

/** Verifies every case's chain (admins), in pages; returns the broken cases. */
export async function verifyAllAudit(ctx: AppContext, actor: Actor) {
  requireAnyRole(actor, ['admin']);
  const db = ctx.db.kysely;
  let after = 0;
  let cases = 0;
  let actions = 0;
  const broken: { caseId: number; brokenAt: number | null }[] = [];
  for (;;) {
    const ids = await caseActionRepository.caseIds(db, after, 500);
    for (const id of ids) {
      const result = await verifyCaseChain(db, id);
      cases += 1;
      actions += result.actions;
      if (!result.ok) broken.push({ caseId: id, brokenAt: result.brokenAt });
    }
    if (ids.length < 500) break;
    after = ids[ids.length - 1] ?? after;
  }
  return { ok: broken.length === 0, cases, actions, broken };
}

/**
 * Per-state counts of the open cases the actor may see (closed and void ones are history, not
 * work: counting them would read every case), plus how many are overdue now.
 */
export async function queueCounts(ctx: AppContext, actor: Actor) {
  const db = ctx.db.kysely;
  const departmentIds =
    actor.scope.kind === 'department'
      ? await organisationRepository.withChildren(db, actor.scope.organisationId)
      : undefined;
  const regionPrefix = actor.scope.kind === 'region' ? actor.scope.divisionCode : undefined;
  const rows = await caseRepository.countByState(db, {
    states: CASE_STATES.filter((s) => s !== 'CLOSED' && s !== 'VOID'),
    ...(regionPrefix ? { regionPrefix } : {}),
    ...(departmentIds ? { departmentIds } : {}),
  });
  const overdue = await caseTimerRepository.countOverdue(db, {
    now: ctx.clock.now(),
    ...(regionPrefix ? { regionPrefix } : {}),
    ...(departmentIds ? { departmentIds } : {}),
  });
  return {
    states: Object.fromEntries(rows.map((r) => [r.state, r.n])) as Record<string, number>,
    overdue,
  };
}
