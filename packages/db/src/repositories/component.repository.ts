import type { Selectable } from 'kysely';
import type { ComponentsTable } from '../schema/database';
import type { Executor } from './executor';

export type ComponentRow = Selectable<ComponentsTable>;

export type ComponentUpsert = {
  id: string;
  classId: number;
  name: string;
  status: ComponentRow['status'];
  competentUnitCode: string | null;
  competentUnitName: string | null;
  ownerUnit: string | null;
  maintenanceUnit: string | null;
  lng: number;
  lat: number;
  gridCode: string | null;
  streetCode: string | null;
  communityCode: string | null;
  districtCode: string | null;
  surveyDate: string | null;
  changeDate: string | null;
  dataSource: string | null;
  note: string | null;
};

export type ComponentFilter = {
  bbox?: [number, number, number, number];
  classIds?: readonly number[];
  gridCode?: string;
  regionPrefix?: string;
  status?: ComponentRow['status'];
  limit: number;
  offset: number;
};

export const componentRepository = {
  async upsertMany(db: Executor, rows: readonly ComponentUpsert[], at: Date): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      await db
        .insertInto('components')
        .values(
          rows.slice(i, i + 500).map((r) => ({
            id: r.id,
            class_id: r.classId,
            name: r.name,
            status: r.status,
            competent_unit_code: r.competentUnitCode,
            competent_unit_name: r.competentUnitName,
            owner_unit: r.ownerUnit,
            maintenance_unit: r.maintenanceUnit,
            lng: r.lng,
            lat: r.lat,
            grid_code: r.gridCode,
            street_code: r.streetCode,
            community_code: r.communityCode,
            district_code: r.districtCode,
            survey_date: r.surveyDate,
            change_date: r.changeDate,
            data_source: r.dataSource,
            note: r.note,
            updated_at: at,
          })),
        )
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            class_id: eb.ref('excluded.class_id'),
            name: eb.ref('excluded.name'),
            status: eb.ref('excluded.status'),
            competent_unit_code: eb.ref('excluded.competent_unit_code'),
            competent_unit_name: eb.ref('excluded.competent_unit_name'),
            owner_unit: eb.ref('excluded.owner_unit'),
            maintenance_unit: eb.ref('excluded.maintenance_unit'),
            lng: eb.ref('excluded.lng'),
            lat: eb.ref('excluded.lat'),
            grid_code: eb.ref('excluded.grid_code'),
            street_code: eb.ref('excluded.street_code'),
            community_code: eb.ref('excluded.community_code'),
            district_code: eb.ref('excluded.district_code'),
            survey_date: eb.ref('excluded.survey_date'),
            change_date: eb.ref('excluded.change_date'),
            data_source: eb.ref('excluded.data_source'),
            note: eb.ref('excluded.note'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
  },

  async findById(db: Executor, id: string): Promise<ComponentRow | undefined> {
    return db.selectFrom('components').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async list(
    db: Executor,
    filter: ComponentFilter,
  ): Promise<{ rows: ComponentRow[]; total: number }> {
    let query = db.selectFrom('components');
    if (filter.bbox) {
      const [minLng, minLat, maxLng, maxLat] = filter.bbox;
      query = query
        .where('lng', '>=', minLng)
        .where('lng', '<=', maxLng)
        .where('lat', '>=', minLat)
        .where('lat', '<=', maxLat);
    }
    if (filter.classIds) {
      if (filter.classIds.length === 0) return { rows: [], total: 0 };
      query = query.where('class_id', 'in', filter.classIds);
    }
    if (filter.gridCode) query = query.where('grid_code', '=', filter.gridCode);
    if (filter.regionPrefix) query = query.where('grid_code', 'like', `${filter.regionPrefix}%`);
    if (filter.status) query = query.where('status', '=', filter.status);
    const total = await query
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await query
      .selectAll()
      .orderBy('id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
    return { rows, total: total.n };
  },

  async updateStatus(
    db: Executor,
    id: string,
    status: ComponentRow['status'],
    changeDate: string,
    at: Date,
  ): Promise<number> {
    const result = await db
      .updateTable('components')
      .set({ status, change_date: changeDate, updated_at: at })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  async count(db: Executor): Promise<number> {
    return (
      await db
        .selectFrom('components')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  },
};
