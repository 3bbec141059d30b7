import type { Selectable } from 'kysely';
import type { KeyAreasTable, KeyPeriodsTable, StoredGeometry } from '../schema/database';
import type { Executor } from './executor';

export type KeyAreaRow = Selectable<KeyAreasTable>;
export type KeyPeriodRow = Selectable<KeyPeriodsTable>;

export const keySupervisionRepository = {
  async insertArea(
    db: Executor,
    area: {
      name: string;
      geometry: StoredGeometry;
      bbox: [number, number, number, number];
      factor: number;
    },
  ): Promise<number> {
    const { id } = await db
      .insertInto('key_areas')
      .values({
        name: area.name,
        geometry: JSON.stringify(area.geometry),
        min_lng: area.bbox[0],
        min_lat: area.bbox[1],
        max_lng: area.bbox[2],
        max_lat: area.bbox[3],
        factor: area.factor,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  /** Replaces an area's name, outline and factor; 0 when there is no such area. */
  async updateArea(
    db: Executor,
    id: number,
    area: {
      name: string;
      geometry: StoredGeometry;
      bbox: [number, number, number, number];
      factor: number;
    },
  ): Promise<number> {
    const result = await db
      .updateTable('key_areas')
      .set({
        name: area.name,
        geometry: JSON.stringify(area.geometry),
        min_lng: area.bbox[0],
        min_lat: area.bbox[1],
        max_lng: area.bbox[2],
        max_lat: area.bbox[3],
        factor: area.factor,
      })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  /** Active key areas whose bounding box holds the point (exact test by the caller). */
  async areasAround(db: Executor, lng: number, lat: number): Promise<KeyAreaRow[]> {
    return db
      .selectFrom('key_areas')
      .selectAll()
      .where('active', '=', true)
      .where('min_lng', '<=', lng)
      .where('max_lng', '>=', lng)
      .where('min_lat', '<=', lat)
      .where('max_lat', '>=', lat)
      .execute();
  },

  async listAreas(db: Executor): Promise<KeyAreaRow[]> {
    return db.selectFrom('key_areas').selectAll().orderBy('id').execute();
  },

  async deleteArea(db: Executor, id: number): Promise<number> {
    return Number(
      (await db.deleteFrom('key_areas').where('id', '=', id).executeTakeFirst()).numDeletedRows,
    );
  },

  async insertPeriod(
    db: Executor,
    period: { name: string; startsAt: Date; endsAt: Date; factor: number },
  ): Promise<number> {
    const { id } = await db
      .insertInto('key_periods')
      .values({
        name: period.name,
        starts_at: period.startsAt,
        ends_at: period.endsAt,
        factor: period.factor,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  /** Replaces a period's name, times and factor; 0 when there is no such period. */
  async updatePeriod(
    db: Executor,
    id: number,
    period: { name: string; startsAt: Date; endsAt: Date; factor: number },
  ): Promise<number> {
    const result = await db
      .updateTable('key_periods')
      .set({
        name: period.name,
        starts_at: period.startsAt,
        ends_at: period.endsAt,
        factor: period.factor,
      })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  async periodsAt(db: Executor, at: Date): Promise<KeyPeriodRow[]> {
    return db
      .selectFrom('key_periods')
      .selectAll()
      .where('starts_at', '<=', at)
      .where('ends_at', '>', at)
      .execute();
  },

  async listPeriods(db: Executor): Promise<KeyPeriodRow[]> {
    return db.selectFrom('key_periods').selectAll().orderBy('starts_at').execute();
  },

  async deletePeriod(db: Executor, id: number): Promise<number> {
    return Number(
      (await db.deleteFrom('key_periods').where('id', '=', id).executeTakeFirst()).numDeletedRows,
    );
  },

  async factors(db: Executor): Promise<Map<string, number>> {
    const rows = await db.selectFrom('limit_factors').selectAll().execute();
    return new Map(rows.map((r) => [r.key, r.factor]));
  },

  async setFactor(db: Executor, key: string, factor: number): Promise<void> {
    await db.updateTable('limit_factors').set({ factor }).where('key', '=', key).execute();
  },
};
