import { mapRepository, organisationRepository } from '@xiuhua/db';
import {
  chinaDateKey,
  forbidden,
  invalidInput,
  type Actor,
  type AreaGeometry,
  type BBox,
  type Light,
} from '@xiuhua/domain';
import type { AppContext } from '../context';
import { gridIndex } from '../grids/grid-locator.cache';
import { localDayWindow } from '../mobile/patrol.commands';

/** Larger areas are refused: the map asks for grids only when zoomed in. */
export const MAX_GRIDS_PER_MAP_CALL = 5000;
export const MAX_CASES_PER_MAP_CALL = 5000;
const LIGHTS: Light[] = ['green', 'yellow', 'red'];

export type MapCase = {
  id: number;
  caseNumber: string;
  state: string;
  lng: number;
  lat: number;
  gridCode: string | null;
  keySupervision: boolean;
  light: Light;
};

export type MapGrid = {
  code: string;
  name: string | null;
  responsibilityGridCode: string | null;
  responsibilityGridName: string | null;
  geometry: AreaGeometry;
  openCases: number;
  light: Light | null;
};

async function scopeFilter(ctx: AppContext, actor: Actor) {
  if (actor.scope.kind === 'region') return { regionPrefix: actor.scope.divisionCode };
  if (actor.scope.kind === 'department')
    return {
      departmentIds: await organisationRepository.withChildren(
        ctx.db.kysely,
        actor.scope.organisationId,
      ),
    };
  return {};
}

/** Open cases in view with their light (as of the last SLA sweep), within the actor's scope. */
export async function mapCases(ctx: AppContext, actor: Actor, bbox: BBox): Promise<MapCase[]> {
  const rows = await mapRepository.openCases(ctx.db.kysely, {
    bbox,
    limit: MAX_CASES_PER_MAP_CALL,
    ...(await scopeFilter(ctx, actor)),
  });
  return rows.map((r) => ({
    id: r.id,
    caseNumber: r.case_number,
    state: r.state,
    lng: r.lng,
    lat: r.lat,
    gridCode: r.grid_code,
    keySupervision: r.key_supervision,
    light: LIGHTS[r.severity] ?? 'green',
  }));
}

/** Unit grids in view with the number of open cases and the worst light in each. */
export async function mapGrids(ctx: AppContext, actor: Actor, bbox: BBox): Promise<MapGrid[]> {
  const { locator, names } = await gridIndex(ctx);
  let grids = locator.search(bbox);
  if (actor.scope.kind === 'region') {
    const prefix = actor.scope.divisionCode;
    grids = grids.filter((g) => g.code.startsWith(prefix));
  }
  if (grids.length > MAX_GRIDS_PER_MAP_CALL)
    throw invalidInput('bbox', {
      zh: `范围内网格超过 ${MAX_GRIDS_PER_MAP_CALL} 个，请放大地图`,
      en: `more than ${MAX_GRIDS_PER_MAP_CALL} grids in view; zoom in`,
    });
  const cases = await mapCases(ctx, actor, bbox);
  const byGrid = new Map<string, { n: number; worst: number }>();
  for (const c of cases) {
    if (!c.gridCode) continue;
    const entry = byGrid.get(c.gridCode) ?? { n: 0, worst: 0 };
    entry.n += 1;
    entry.worst = Math.max(entry.worst, LIGHTS.indexOf(c.light));
    byGrid.set(c.gridCode, entry);
  }
  return grids.map((g) => {
    const entry = byGrid.get(g.code);
    return {
      code: g.code,
      name: g.name,
      responsibilityGridCode: g.responsibilityGridCode,
      responsibilityGridName: g.responsibilityGridCode
        ? (names.get(`R:${g.responsibilityGridCode}`) ?? g.responsibilityGridCode)
        : null,
      geometry: g.geometry,
      openCases: entry?.n ?? 0,
      light: entry ? (LIGHTS[entry.worst] ?? null) : null,
    };
  });
}

export type SupervisorTrack = {
  userId: number;
  name: string;
  last: { at: Date; lng: number; lat: number };
  track: [number, number][];
};

/** Supervisors' tracks of a local day in the actor's region, and where each was last seen. */
export async function supervisorTracks(
  ctx: AppContext,
  actor: Actor,
  day?: string,
): Promise<SupervisorTrack[]> {
  if (actor.scope.kind === 'department')
    throw forbidden({ zh: '专业部门不能查看巡查轨迹', en: 'Departments cannot see patrol tracks' });
  const { from, to } = localDayWindow(day ?? chinaDateKey(ctx.clock.now()));
  const rows = await mapRepository.patrolPoints(ctx.db.kysely, {
    from,
    to,
    limit: 200_000,
    ...(actor.scope.kind === 'region' ? { gridPrefix: actor.scope.divisionCode } : {}),
  });
  const tracks = new Map<number, SupervisorTrack>();
  for (const r of rows) {
    const entry = tracks.get(r.user_id) ?? {
      userId: r.user_id,
      name: r.display_name,
      last: { at: r.at, lng: r.lng, lat: r.lat },
      track: [],
    };
    entry.track.push([r.lng, r.lat]);
    entry.last = { at: r.at, lng: r.lng, lat: r.lat };
    tracks.set(r.user_id, entry);
  }
  return [...tracks.values()];
}
