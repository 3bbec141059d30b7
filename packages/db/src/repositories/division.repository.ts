import type { Selectable } from 'kysely';
import type { DivisionsTable, StoredGeometry } from '../schema/database';
import type { Executor } from './executor';

export type DivisionRow = Selectable<DivisionsTable>;

export type DivisionUpsert = {
  code: string;
  level: DivisionRow['level'];
  name: string;
  parentCode: string | null;
  outline?: StoredGeometry | null;
  bbox?: [number, number, number, number] | null;
};

export const divisionRepository = {
  /** Inserts or renames divisions; keeps outlines unless new ones are given. */
  async upsertMany(db: Executor, rows: readonly DivisionUpsert[], at: Date): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await db
        .insertInto('divisions')
        .values(
          chunk.map((row) => ({
            code: row.code,
            level: row.level,
            name: row.name,
            parent_code: row.parentCode,
            outline: row.outline ? JSON.stringify(row.outline) : null,
            min_lng: row.bbox?.[0] ?? null,
            min_lat: row.bbox?.[1] ?? null,
            max_lng: row.bbox?.[2] ?? null,
            max_lat: row.bbox?.[3] ?? null,
            area_class: null,
            updated_at: at,
          })),
        )
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            parent_code: eb.ref('excluded.parent_code'),
            outline: eb.fn.coalesce('excluded.outline', 'divisions.outline'),
            min_lng: eb.fn.coalesce('excluded.min_lng', 'divisions.min_lng'),
            min_lat: eb.fn.coalesce('excluded.min_lat', 'divisions.min_lat'),
            max_lng: eb.fn.coalesce('excluded.max_lng', 'divisions.max_lng'),
            max_lat: eb.fn.coalesce('excluded.max_lat', 'divisions.max_lat'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
  },

  async findByCode(db: Executor, code: string): Promise<DivisionRow | undefined> {
    return db.selectFrom('divisions').selectAll().where('code', '=', code).executeTakeFirst();
  },

  async findManyByCode(db: Executor, codes: readonly string[]): Promise<DivisionRow[]> {
    if (codes.length === 0) return [];
    return db.selectFrom('divisions').selectAll().where('code', 'in', codes).execute();
  },

  async list(
    db: Executor,
    filter: {
      parentCode?: string;
      level?: DivisionRow['level'];
      prefix?: string;
      withOutline?: boolean;
    },
  ) {
    let query = db
      .selectFrom('divisions')
      .select([
        'code',
        'level',
        'name',
        'parent_code',
        'area_class',
        'min_lng',
        'min_lat',
        'max_lng',
        'max_lat',
      ]);
    if (filter.withOutline) query = query.select('outline');
    if (filter.parentCode) query = query.where('parent_code', '=', filter.parentCode);
    if (filter.level) query = query.where('level', '=', filter.level);
    if (filter.prefix) query = query.where('code', 'like', `${filter.prefix}%`);
    return query.orderBy('code').execute();
  },

  async setAreaClass(
    db: Executor,
    code: string,
    areaClass: 'core' | 'fringe' | 'rural' | null,
    at: Date,
  ): Promise<void> {
    await db
      .updateTable('divisions')
      .set({ area_class: areaClass, updated_at: at })
      .where('code', '=', code)
      .execute();
  },

  async count(db: Executor): Promise<number> {
    const row = await db
      .selectFrom('divisions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return row.n;
  },
};
