import type { Selectable } from 'kysely';
import type { StoredGeometry, UnitGridsTable } from '../schema/database';
import type { Executor } from './executor';

export type UnitGridRow = Selectable<UnitGridsTable>;

export type UnitGridUpsert = {
  code: string;
  districtCode: string;
  streetCode: string;
  communityCode: string;
  name: string | null;
  geometry: StoredGeometry;
  areaM2: number;
  bbox: [number, number, number, number];
  centroid: [number, number];
  responsibilityGridCode: string | null;
  importBatchId: number | null;
};

export type GridListFilter = {
  prefix?: string;
  bbox?: [number, number, number, number];
  responsibilityGridCode?: string;
  limit: number;
  offset: number;
};

const SUMMARY_COLUMNS = [
  'code',
  'name',
  'district_code',
  'street_code',
  'community_code',
  'area_m2',
  'centroid_lng',
  'centroid_lat',
  'min_lng',
  'min_lat',
  'max_lng',
  'max_lat',
  'responsibility_grid_code',
] as const;

export const gridRepository = {
  /** Inserts grids or replaces the ones with the same code, in chunks. */
  async upsertMany(db: Executor, grids: readonly UnitGridUpsert[], at: Date): Promise<void> {
    for (let i = 0; i < grids.length; i += 500) {
      await db
        .insertInto('unit_grids')
        .values(
          grids.slice(i, i + 500).map((g) => ({
            code: g.code,
            district_code: g.districtCode,
            street_code: g.streetCode,
            community_code: g.communityCode,
            name: g.name,
            geometry: JSON.stringify(g.geometry),
            area_m2: g.areaM2,
            min_lng: g.bbox[0],
            min_lat: g.bbox[1],
            max_lng: g.bbox[2],
            max_lat: g.bbox[3],
            centroid_lng: g.centroid[0],
            centroid_lat: g.centroid[1],
            responsibility_grid_code: g.responsibilityGridCode,
            import_batch_id: g.importBatchId,
            updated_at: at,
          })),
        )
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            geometry: eb.ref('excluded.geometry'),
            area_m2: eb.ref('excluded.area_m2'),
            min_lng: eb.ref('excluded.min_lng'),
            min_lat: eb.ref('excluded.min_lat'),
            max_lng: eb.ref('excluded.max_lng'),
            max_lat: eb.ref('excluded.max_lat'),
            centroid_lng: eb.ref('excluded.centroid_lng'),
            centroid_lat: eb.ref('excluded.centroid_lat'),
            responsibility_grid_code: eb.fn.coalesce(
              'excluded.responsibility_grid_code',
              'unit_grids.responsibility_grid_code',
            ),
            import_batch_id: eb.ref('excluded.import_batch_id'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
  },

  async findByCode(db: Executor, code: string): Promise<UnitGridRow | undefined> {
    return db.selectFrom('unit_grids').selectAll().where('code', '=', code).executeTakeFirst();
  },

  async existingCodes(db: Executor, codes: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < codes.length; i += 1000) {
      const rows = await db
        .selectFrom('unit_grids')
        .select('code')
        .where('code', 'in', codes.slice(i, i + 1000))
        .execute();
      rows.forEach((row) => found.add(row.code));
    }
    return found;
  },

  /** Grids whose code starts with `prefix` (a district, street or community), geometry included. */
  async withGeometryByPrefix(db: Executor, prefix: string) {
    return db
      .selectFrom('unit_grids')
      .select(['code', 'geometry'])
      .where('code', 'like', `${prefix}%`)
      .execute();
  },

  async list(db: Executor, filter: GridListFilter & { withGeometry?: boolean }) {
    let query = db.selectFrom('unit_grids');
    if (filter.prefix) query = query.where('code', 'like', `${filter.prefix}%`);
    if (filter.responsibilityGridCode)
      query = query.where('responsibility_grid_code', '=', filter.responsibilityGridCode);
    if (filter.bbox) {
      const [minLng, minLat, maxLng, maxLat] = filter.bbox;
      query = query
        .where('max_lng', '>=', minLng)
        .where('min_lng', '<=', maxLng)
        .where('max_lat', '>=', minLat)
        .where('min_lat', '<=', maxLat);
    }
    const total = await query
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const base = query
      .select(SUMMARY_COLUMNS)
      .orderBy('code')
      .limit(filter.limit)
      .offset(filter.offset);
    const rows = filter.withGeometry
      ? await base.select('geometry').execute()
      : await base.execute();
    return {
      rows: rows as (Pick<UnitGridRow, (typeof SUMMARY_COLUMNS)[number]> & {
        geometry?: StoredGeometry;
      })[],
      total: total.n,
    };
  },

  /** Everything the in-memory locator needs, for all grids. */
  async allForLocator(db: Executor) {
    return db
      .selectFrom('unit_grids')
      .select([
        'code',
        'name',
        'geometry',
        'district_code',
        'street_code',
        'community_code',
        'responsibility_grid_code',
      ])
      .execute();
  },

  async count(db: Executor, prefix?: string): Promise<number> {
    let query = db.selectFrom('unit_grids').select((eb) => eb.fn.countAll<number>().as('n'));
    if (prefix) query = query.where('code', 'like', `${prefix}%`);
    return (await query.executeTakeFirstOrThrow()).n;
  },

  async setResponsibilityGrid(
    db: Executor,
    codes: readonly string[],
    responsibilityGridCode: string | null,
    at: Date,
  ) {
    for (let i = 0; i < codes.length; i += 1000) {
      await db
        .updateTable('unit_grids')
        .set({ responsibility_grid_code: responsibilityGridCode, updated_at: at })
        .where('code', 'in', codes.slice(i, i + 1000))
        .execute();
    }
  },

  async insertImportBatch(
    db: Executor,
    batch: {
      at: Date;
      createdBy: number | null;
      fileName: string | null;
      sourceCrs: 'wgs84' | 'gcj02';
      status: 'applied' | 'rejected';
      featureCount: number;
      report: Record<string, unknown>;
    },
  ): Promise<number> {
    const { id } = await db
      .insertInto('grid_import_batches')
      .values({
        created_at: batch.at,
        created_by: batch.createdBy,
        file_name: batch.fileName,
        source_crs: batch.sourceCrs,
        status: batch.status,
        feature_count: batch.featureCount,
        report: JSON.stringify(batch.report),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },
};

export const responsibilityGridRepository = {
  async upsert(
    db: Executor,
    grid: { code: string; name: string; districtCode: string; streetCode: string | null },
    at: Date,
  ): Promise<void> {
    await db
      .insertInto('responsibility_grids')
      .values({
        code: grid.code,
        name: grid.name,
        district_code: grid.districtCode,
        street_code: grid.streetCode,
        updated_at: at,
      })
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          district_code: eb.ref('excluded.district_code'),
          street_code: eb.ref('excluded.street_code'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  },

  async find(db: Executor, code: string) {
    return db
      .selectFrom('responsibility_grids')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirst();
  },

  async list(db: Executor, filter: { prefix?: string }) {
    let query = db.selectFrom('responsibility_grids as r').select((eb) => [
      'r.code',
      'r.name',
      'r.district_code',
      'r.street_code',
      eb
        .selectFrom('unit_grids as g')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('g.responsibility_grid_code', '=', 'r.code')
        .as('grid_count'),
    ]);
    if (filter.prefix) {
      const prefix = filter.prefix;
      query = query.where((eb) =>
        eb.or([
          eb('r.street_code', 'like', `${prefix}%`),
          eb('r.district_code', 'like', `${prefix}%`),
        ]),
      );
    }
    return query.orderBy('r.code').execute();
  },

  async supervisors(db: Executor, codes: readonly string[]) {
    if (codes.length === 0) return [];
    return db
      .selectFrom('responsibility_grid_supervisors as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['s.responsibility_grid_code', 'u.id', 'u.username', 'u.display_name'])
      .where('s.responsibility_grid_code', 'in', codes)
      .orderBy('u.username')
      .execute();
  },

  async replaceSupervisors(db: Executor, code: string, userIds: readonly number[]): Promise<void> {
    await db
      .deleteFrom('responsibility_grid_supervisors')
      .where('responsibility_grid_code', '=', code)
      .execute();
    if (userIds.length > 0) {
      await db
        .insertInto('responsibility_grid_supervisors')
        .values(userIds.map((id) => ({ responsibility_grid_code: code, user_id: id })))
        .execute();
    }
  },
};
