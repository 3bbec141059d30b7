import { createCase, importClasses } from '@xiuhua/core';
import { catalogueRepository } from '@xiuhua/db';
import type { Actor, CaseSource } from '@xiuhua/domain';
import { SYSTEM_TEST_ACTOR, type CaseWorld, type TestApp } from '@xiuhua/testkit';

/** Opens cases from any source at any place, as set-up straight through core. */
const OPENER: Actor = { ...SYSTEM_TEST_ACTOR, roles: ['admin', 'supervisor', 'operator'] };
const METRES_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;

/** Extra classes besides the world's own, in creation order (so ids ascend). */
export async function buildClasses(t: TestApp, codes: string[]): Promise<number[]> {
  const rows = codes.map(
    (code) => `matter,${code.slice(0, 2)},分析测试大类,${code},分析测试${code}`,
  );
  await importClasses(t.ctx, SYSTEM_TEST_ACTOR, {
    content: `kind,big_code,big_name,code,name\n${rows.join('\n')}\n`,
    standard: 'local',
  });
  const ids: number[] = [];
  for (const code of codes) {
    const [cls] = await catalogueRepository.findByCode(t.ctx.db.kysely, {
      standard: 'local',
      code,
    });
    if (!cls) throw new Error(`class ${code} not created`);
    ids.push(cls.id);
  }
  return ids;
}

/**
 * Places in the world's 2 × 2 lattice of unit grids (numbered from the north-west: 001 NW,
 * 002 NE, 003 SW, 004 SE), each at its grid's centre.
 */
export function placesOf(w: CaseWorld) {
  const west = w.point.lng - 0.002;
  const south = w.point.lat - 0.008;
  return {
    nw: { lng: west + 0.0025, lat: south + 0.0075 },
    ne: { lng: west + 0.0075, lat: south + 0.0075 },
    sw: { lng: west + 0.0025, lat: south + 0.0025 },
    se: { lng: west + 0.0075, lat: south + 0.0025 },
    grid: (seq: number) => `${w.district.streets[0]?.communities[0]?.code ?? ''}00${seq}`,
  };
}

/** A point `north` and `east` metres away (great-circle figures of the analytics). */
export function offset(
  at: { lng: number; lat: number },
  metres: { north?: number; east?: number },
): { lng: number; lat: number } {
  return {
    lat: at.lat + (metres.north ?? 0) / METRES_PER_DEGREE,
    lng: at.lng + (metres.east ?? 0) / (METRES_PER_DEGREE * Math.cos((at.lat * Math.PI) / 180)),
  };
}

/** Opens a case reported at `at` (the fake clock is set there). */
export async function caseAt(
  t: TestApp,
  at: string,
  input: {
    place: { lng: number; lat: number };
    classId?: number;
    source?: CaseSource;
    draft?: boolean;
  },
): Promise<{ id: number; version: number }> {
  t.ctx.clock.set(at);
  const { body } = await createCase(t.ctx, OPENER, {
    source: input.source ?? 'supervisor',
    description: '分析测试案件',
    ...input.place,
    ...(input.classId !== undefined ? { classId: input.classId } : {}),
    ...(input.draft ? { draft: true } : {}),
  });
  return { id: body.id, version: body.version };
}
