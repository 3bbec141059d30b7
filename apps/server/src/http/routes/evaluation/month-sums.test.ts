import { foldEvaluationSums, rebuildEvaluationFacts } from '@xiuhua/core';
import {
  evaluationFactRepository,
  evaluationMonthSumRepository,
  monthSumsServe,
  type FactFilter,
  type FactGrouping,
  type FactMeasure,
  type FactWindow,
  type MeasureRow,
  type MeasureSpec,
} from '@xiuhua/db';
import {
  act,
  buildCaseWorld,
  createTestApp,
  openDispatched,
  uploadPhoto,
  type CaseWorld,
  type TestApp,
} from '@xiuhua/testkit';
import { FACT_KINDS } from '@xiuhua/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type CaseOut = { id: number; version: number };

const GROUPINGS: FactGrouping[] = [
  'district',
  'street',
  'community',
  'grid',
  'department',
  'actor',
];
const POSITIONS = ['supervisor', 'operator', 'shift_leader', 'dispatcher'];
const MEASURES: FactMeasure[] = [
  'n',
  'value',
  'onTime',
  'finished',
  'open',
  'held',
  'heldFinished',
  'heldOnTime',
];

const month = (ym: string) => new Date(`${ym}-01T00:00:00+08:00`);

/**
 * The monthly sums (with their unfolded deltas) give exactly the numbers the facts give, for
 * every grouping, position and region, across month ends, rework, holds, late steps and a
 * rebuild of every case's facts — before and after the deltas are folded.
 */
describe('monthly evaluation sums', () => {
  let t: TestApp;
  let w: CaseWorld;
  beforeAll(async () => {
    t = await createTestApp();
    t.ctx.clock.set('2026-09-29T09:00:00+08:00');
    // The story spans three months: sessions stay open across the clock's jumps.
    t.ctx.settings.sessionIdleMinutes = 200 * 24 * 60;
    w = await buildCaseWorld(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const sorted = (rows: MeasureRow[]) =>
    [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key === b.key ? 0 : 1));

  /** Every measure of every kind but distinct cases (which always come from the facts). */
  const SPECS: MeasureSpec[] = FACT_KINDS.flatMap((kind) =>
    MEASURES.map((measure) => ({ kind, measure })),
  );

  /** Compares both readings for every grouping and filter over the given windows. */
  async function expectSame(windows: FactWindow[]) {
    const db = t.ctx.db.kysely;
    const filters: [FactGrouping, FactFilter][] = [];
    for (const g of GROUPINGS) filters.push([g, {}]);
    for (const p of POSITIONS) filters.push(['actor', { position: p }]);
    const grid = await db
      .selectFrom('evaluation_facts')
      .select('grid_code')
      .where('grid_code', 'is not', null)
      .executeTakeFirstOrThrow();
    for (const g of ['street', 'community', 'grid'] as const)
      for (const length of [9, 12])
        filters.push([g, { regionPrefix: grid.grid_code?.slice(0, length) ?? '-' }]);
    let compared = 0;
    for (const window of windows)
      for (const [grouping, filter] of filters) {
        expect(monthSumsServe(grouping, window, filter)).toBe(true);
        const facts = await evaluationFactRepository.fromFacts(db, grouping, window, filter, SPECS);
        const sums = await evaluationMonthSumRepository.measures(
          db,
          grouping,
          window,
          filter,
          SPECS,
        );
        expect(sorted(sums), `${grouping} ${JSON.stringify(filter)}`).toEqual(sorted(facts));
        compared += facts.reduce((n, r) => n + r.values.filter((v) => v > 0).length, 0);
      }
    return compared;
  }

  async function feedBack(c: CaseOut) {
    expect((await uploadPhoto(w.as.department, c.id, 'after')).statusCode).toBe(201);
    return act(w.as.department, c, 'feed_back', { opinion: '已处理' });
  }

  const fold = async () => (await foldEvaluationSums(t.ctx)).deltas;

  it('equal the facts across months, changes, folds and a rebuild', async () => {
    // September: cases reported and dispatched; one fed back and closed, one held.
    const a = await openDispatched<CaseOut>(w, '月汇总一');
    const b = await openDispatched<CaseOut>(w, '月汇总二');
    let c = await openDispatched<CaseOut>(w, '月汇总三');
    t.ctx.clock.advanceMinutes(60);
    c = await act(w.as.department, c, 'request_hold', { opinion: '需协调' });
    c = await act(w.as.dispatcher, c, 'approve_hold');
    // October: the September cases finish late (their steps end in a later month), one reworked.
    t.ctx.clock.set('2026-10-09T10:00:00+08:00');
    let x = await feedBack(a);
    x = await act(w.as.operator, x, 'send_check');
    x = await act(w.as.supervisor, x, 'check_fail', { opinion: '仍有垃圾' });
    x = await feedBack(x);
    x = await act(w.as.operator, x, 'send_check');
    x = await act(w.as.supervisor, x, 'check_pass');
    await act(w.as.shift_leader, x, 'close');
    let y = await feedBack(b);
    const d = await openDispatched<CaseOut>(w, '月汇总四');
    t.ctx.clock.set('2026-11-03T10:00:00+08:00');
    y = await act(w.as.operator, y, 'send_check');
    await act(w.as.supervisor, y, 'check_pass');
    await feedBack(d);

    const windows: FactWindow[] = [
      { from: month('2026-09'), to: month('2026-10'), asOf: t.ctx.clock.now() },
      { from: month('2026-10'), to: month('2026-11'), asOf: t.ctx.clock.now() },
      { from: month('2026-09'), to: month('2026-11'), asOf: t.ctx.clock.now() },
      { from: month('2026-07'), to: month('2026-10'), asOf: t.ctx.clock.now() },
    ];
    expect(await expectSame(windows)).toBeGreaterThan(50);
    expect(await fold()).toBeGreaterThan(0);
    await expectSame(windows);

    // Facts of past months change with later actions and with a rebuild; deltas pile up again.
    t.ctx.clock.set('2026-12-01T08:00:00+08:00');
    const factIds = async (caseId: number) =>
      (
        await t.ctx.db.kysely
          .selectFrom('evaluation_facts')
          .select('id')
          .where('case_id', '=', caseId)
          .execute()
      ).map((r) => r.id);
    const before = await factIds(c.id);
    await act(w.as.dispatcher, c, 'resume');
    // A change rewrites only the facts it changes: the others keep their rows.
    const after = await factIds(c.id);
    const kept = after.filter((id) => before.includes(id));
    expect(kept.length).toBeGreaterThan(after.length / 2);
    expect(kept.length).toBeLessThan(after.length);
    await t.ctx.db.kysely.deleteFrom('evaluation_facts').where('case_id', '=', a.id).execute();
    await rebuildEvaluationFacts(t.ctx, { batchSize: 2 });
    const later = [
      ...windows,
      { from: month('2026-09'), to: month('2026-12'), asOf: t.ctx.clock.now() },
    ];
    await expectSame(later);
    await fold();
    await expectSame(later);
    const left = await t.ctx.db.kysely
      .selectFrom('evaluation_fact_deltas')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(0);
    // Sum rows whose facts all moved on (open steps that ended) are gone, not kept as zeros.
    const zeros = await t.ctx.db.kysely
      .selectFrom('evaluation_month_sums')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('n', '=', 0)
      .executeTakeFirstOrThrow();
    expect(Number(zeros.n)).toBe(0);
  });

  it('serve only whole months that have ended, without class or source filters', () => {
    const asOf = new Date('2026-11-15T10:00:00+08:00');
    const oct = { from: month('2026-10'), to: month('2026-11'), asOf };
    expect(monthSumsServe('grid', oct, {})).toBe(true);
    // The running month ends at asOf, not at a month start.
    expect(monthSumsServe('grid', { from: month('2026-11'), to: month('2026-12'), asOf }, {})).toBe(
      false,
    );
    // A custom period from the 5th.
    expect(
      monthSumsServe('grid', { ...oct, from: new Date('2026-10-05T00:00:00+08:00') }, {}),
    ).toBe(false);
    expect(monthSumsServe('grid', oct, { classId: 1 })).toBe(false);
    expect(monthSumsServe('grid', oct, { source: 'public' })).toBe(false);
    expect(monthSumsServe('department', oct, { regionPrefix: '310110' })).toBe(false);
    expect(monthSumsServe('actor', oct, { position: 'supervisor' })).toBe(true);
    expect(monthSumsServe('street', oct, { position: 'supervisor' })).toBe(false);
  });
});
