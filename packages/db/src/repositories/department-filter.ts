import { sql, type RawBuilder } from 'kysely';

/**
 * "Assigned to any of these departments": the array-overlap test every department-scoped query
 * uses. `column` is the department_ids column, qualified when the query joins (e.g. c.department_ids).
 */
export function assignedToAny(
  departmentIds: readonly number[],
  column: 'department_ids' | 'c.department_ids' = 'department_ids',
): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} && ${sql.val(departmentIds)}::integer[]`;
}
