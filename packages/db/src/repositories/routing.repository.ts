import type { Selectable } from 'kysely';
import type { RoutingRulesTable } from '../schema/database';
import type { Executor } from './executor';

export type RoutingRuleRow = Selectable<RoutingRulesTable>;

export const routingRepository = {
  async insert(
    db: Executor,
    rule: { classId: number | null; regionCode: string; departmentId: number; note: string | null },
  ): Promise<number> {
    const { id } = await db
      .insertInto('routing_rules')
      .values({
        class_id: rule.classId,
        region_code: rule.regionCode,
        department_id: rule.departmentId,
        note: rule.note,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  async delete(db: Executor, id: number): Promise<number> {
    const result = await db.deleteFrom('routing_rules').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  async list(db: Executor, filter: { regionPrefix?: string } = {}): Promise<RoutingRuleRow[]> {
    let query = db.selectFrom('routing_rules').selectAll();
    if (filter.regionPrefix) query = query.where('region_code', 'like', `${filter.regionPrefix}%`);
    return query.orderBy('region_code').orderBy('class_id').execute();
  },

  /** Rules that may apply to a class at a grid: same class or any class, region a prefix of the grid. */
  async candidates(
    db: Executor,
    classId: number | null,
    gridCode: string,
  ): Promise<RoutingRuleRow[]> {
    const prefixes = [6, 9, 12, 15].map((n) => gridCode.slice(0, n));
    let query = db.selectFrom('routing_rules').selectAll().where('region_code', 'in', prefixes);
    query =
      classId === null
        ? query.where('class_id', 'is', null)
        : query.where((eb) => eb.or([eb('class_id', '=', classId), eb('class_id', 'is', null)]));
    return query.execute();
  },
};
