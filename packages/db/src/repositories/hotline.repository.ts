import type { Insertable, Selectable } from 'kysely';
import type { HotlineOrdersTable, HotlineReturnVisitsTable } from '../schema/database';
import type { Executor } from './executor';

export type HotlineOrderRow = Selectable<HotlineOrdersTable>;
export type HotlineReturnVisitRow = Selectable<HotlineReturnVisitsTable>;

export type HotlineOrderFilter = {
  unplaced?: boolean;
  channel?: string;
  caseId?: number;
  regionPrefix?: string;
  limit: number;
  offset: number;
};

export const hotlineRepository = {
  async insert(db: Executor, row: Insertable<HotlineOrdersTable>): Promise<HotlineOrderRow> {
    return db.insertInto('hotline_orders').values(row).returningAll().executeTakeFirstOrThrow();
  },

  async findById(db: Executor, id: number): Promise<HotlineOrderRow | undefined> {
    return db.selectFrom('hotline_orders').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async lock(db: Executor, id: number): Promise<HotlineOrderRow | undefined> {
    return db
      .selectFrom('hotline_orders')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  },

  async findByNumber(
    db: Executor,
    channel: string,
    orderNumber: string,
  ): Promise<HotlineOrderRow | undefined> {
    return db
      .selectFrom('hotline_orders')
      .selectAll()
      .where('channel', '=', channel as HotlineOrderRow['channel'])
      .where('order_number', '=', orderNumber)
      .executeTakeFirst();
  },

  async attachCase(
    db: Executor,
    id: number,
    patch: {
      caseId: number;
      linkedAs: 'new_case' | 'existing_case';
      lng: number | null;
      lat: number | null;
      locatedBy: HotlineOrderRow['located_by'];
      at: Date;
    },
  ): Promise<void> {
    await db
      .updateTable('hotline_orders')
      .set({
        case_id: patch.caseId,
        linked_as: patch.linkedAs,
        lng: patch.lng,
        lat: patch.lat,
        located_by: patch.locatedBy,
        updated_at: patch.at,
      })
      .where('id', '=', id)
      .execute();
  },

  /** Orders whose case is this one or a duplicate merged into it. */
  async forCaseOrChildren(db: Executor, caseId: number): Promise<HotlineOrderRow[]> {
    return db
      .selectFrom('hotline_orders as o')
      .selectAll('o')
      .where((eb) =>
        eb.or([
          eb('o.case_id', '=', caseId),
          eb(
            'o.case_id',
            'in',
            eb.selectFrom('cases').select('id').where('parent_case_id', '=', caseId),
          ),
        ]),
      )
      .orderBy('o.id')
      .execute();
  },

  async list(
    db: Executor,
    filter: HotlineOrderFilter,
  ): Promise<{ rows: HotlineOrderRow[]; total: number }> {
    let query = db.selectFrom('hotline_orders as o').leftJoin('cases as c', 'c.id', 'o.case_id');
    if (filter.unplaced !== undefined)
      query = query.where('o.case_id', filter.unplaced ? 'is' : 'is not', null);
    if (filter.channel) query = query.where('o.channel', '=', filter.channel as '12345');
    if (filter.caseId !== undefined) query = query.where('o.case_id', '=', filter.caseId);
    if (filter.regionPrefix) {
      const prefix = filter.regionPrefix;
      // Unplaced orders have no grid yet: every region's operators see them.
      query = query.where((eb) =>
        eb.or([eb('o.case_id', 'is', null), eb('c.grid_code', 'like', `${prefix}%`)]),
      );
    }
    const { n } = await query
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await query
      .selectAll('o')
      .orderBy('o.id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
    return { rows, total: Number(n) };
  },

  async insertVisit(
    db: Executor,
    row: Insertable<HotlineReturnVisitsTable>,
  ): Promise<HotlineReturnVisitRow> {
    return db
      .insertInto('hotline_return_visits')
      .values(row)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  async visitsForCase(db: Executor, caseId: number): Promise<HotlineReturnVisitRow[]> {
    return db
      .selectFrom('hotline_return_visits')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute();
  },

  async visits(db: Executor, orderId: number): Promise<HotlineReturnVisitRow[]> {
    return db
      .selectFrom('hotline_return_visits')
      .selectAll()
      .where('order_id', '=', orderId)
      .orderBy('id')
      .execute();
  },
};
