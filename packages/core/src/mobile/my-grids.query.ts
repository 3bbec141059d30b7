import { patrolRepository } from '@xiuhua/db';
import { requireAnyRole, type Actor, type AreaGeometry } from '@xiuhua/domain';
import type { AppContext } from '../context';

export type MyGrid = {
  code: string;
  name: string | null;
  geometry: AreaGeometry;
  responsibilityGridCode: string;
  responsibilityGridName: string;
};

/** The unit grids of the responsibility grids the supervisor patrols (for the app's map). */
export async function myGrids(ctx: AppContext, actor: Actor): Promise<MyGrid[]> {
  requireAnyRole(actor, ['supervisor']);
  const rows = await patrolRepository.gridsOfSupervisor(ctx.db.kysely, actor.userId);
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    geometry: r.geometry as AreaGeometry,
    responsibilityGridCode: r.responsibility_grid_code,
    responsibilityGridName: r.responsibility_grid_name,
  }));
}
