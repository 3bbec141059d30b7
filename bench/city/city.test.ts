import { createGridLocator, createPrng, pointInGeometry } from '@xiuhua/domain';
import { describe, expect, it } from 'vitest';
import { generateCity } from './geometry';
import { dayTimes, simulateCase, type HistoryClass } from './history';

describe('bench city generator', () => {
  it('tiles N grids without overlaps, with 15-digit codes under their street and community', () => {
    const city = generateCity({ grids: 4_000, seed: 3 });
    expect(city.grids).toHaveLength(4_000);
    expect(city.streets).toHaveLength(20);
    expect(city.communities).toHaveLength(200);
    for (const g of city.grids) {
      expect(g.code).toMatch(/^\d{15}$/);
      expect(g.code.startsWith(g.communityCode)).toBe(true);
      expect(g.communityCode.startsWith(g.streetCode)).toBe(true);
    }
    expect(new Set(city.grids.map((g) => g.code)).size).toBe(4_000);
    const locator = createGridLocator(city.grids);
    const random = createPrng(1);
    const [x0, y0, x1, y1] = city.bbox;
    let inside = 0;
    for (let k = 0; k < 20_000; k++) {
      const point: [number, number] = [x0 + random() * (x1 - x0), y0 + random() * (y1 - y0)];
      const holding = locator
        .search([...point, ...point])
        .filter((g) => pointInGeometry(point, g.geometry));
      expect(holding.length).toBeLessThanOrEqual(1);
      inside += holding.length;
    }
    // The jittered border leaves only slivers of the bounding box outside the city.
    expect(inside / 20_000).toBeGreaterThan(0.97);
  });

  it('is deterministic by seed', () => {
    const a = generateCity({ grids: 400, seed: 9 });
    const b = generateCity({ grids: 400, seed: 9 });
    const c = generateCity({ grids: 400, seed: 10 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it('simulates cases through the workflow with their timers and facts, cut at the end', () => {
    const classes: HistoryClass[] = [
      { id: 1, kind: 'event', weight: 3 },
      { id: 2, kind: 'component', weight: 1 },
    ];
    const people = {
      supervisors: [11, 12],
      operators: [21],
      shiftLeaders: [31],
      dispatchers: [41],
      handlers: [51],
    };
    const run = (seed: number) => {
      const random = createPrng(seed);
      const end = new Date('2026-12-01T16:00:00Z');
      const start = end.getTime() - 20 * 86_400_000;
      return Array.from({ length: 20 }, (_, d) => dayTimes(random, start + d * 86_400_000, 100))
        .flat()
        .map((t0) =>
          simulateCase(random, {
            t0,
            end,
            classes,
            classWeights: classes.map((c) => [c, c.weight]),
            people,
            departmentsOf: (id) => [100 + id],
          }),
        );
    };
    const cases = run(4);
    expect(JSON.stringify(run(4).map((c) => c.actions))).toBe(
      JSON.stringify(cases.map((c) => c.actions)),
    );
    const states = new Map<string, number>();
    for (const c of cases) {
      states.set(c.state, (states.get(c.state) ?? 0) + 1);
      // The state is where the last action led; seq runs 1…n; nothing after the end.
      expect(c.state).toBe(c.actions[c.actions.length - 1]!.toState);
      expect(c.actions.map((a) => a.seq)).toEqual(c.actions.map((_, i) => i + 1));
      for (const a of c.actions)
        expect(a.at.getTime()).toBeLessThanOrEqual(Date.parse('2026-12-01T16:00:00Z'));
      expect(c.facts.some((f) => f.kind === 'reported')).toBe(true);
      if (c.state === 'CLOSED') expect(c.closedAt).not.toBeNull();
      if (c.actions.some((a) => a.action === 'dispatch'))
        expect(c.departmentIds.length).toBeGreaterThan(0);
    }
    const share = (state: string) => (states.get(state) ?? 0) / cases.length;
    // Most cases of 20 days are closed, some voided, a few still open; some ran late.
    expect(share('CLOSED')).toBeGreaterThan(0.6);
    expect(share('VOID')).toBeGreaterThan(0.03);
    expect(1 - share('CLOSED') - share('VOID')).toBeGreaterThan(0.01);
    expect(cases.filter((c) => c.closureType === 'overdue').length).toBeGreaterThan(0);
    expect(cases.filter((c) => c.reworkCount > 0).length).toBeGreaterThan(0);
  });
});
