// The city's staff for the history: supervisors (one per two communities), operators, shift
// leaders, dispatchers and handlers in every department, as users without passwords.
import type pg from 'pg';

export type People = {
  supervisors: number[];
  operators: number[];
  shiftLeaders: number[];
  dispatchers: number[];
  handlers: number[];
  /** Department organisations (first and second level). */
  departments: number[];
};

const STAFF: [prefix: string, role: string, count: number, title: string][] = [
  ['bench-sup', 'supervisor', 1000, '监督员'],
  ['bench-op', 'operator', 40, '受理员'],
  ['bench-sl', 'shift_leader', 12, '值班长'],
  ['bench-disp', 'dispatcher', 20, '派遣员'],
];

async function idsOf(pool: pg.Pool, prefix: string): Promise<number[]> {
  const { rows } = await pool.query<{ id: number }>(
    `select id from users where username like $1 order by id`,
    [`${prefix}-%`],
  );
  return rows.map((r) => r.id);
}

export async function loadPeople(pool: pg.Pool, options: { existing: boolean }): Promise<People> {
  if (!options.existing) {
    for (const [prefix, role, count, title] of STAFF) {
      await pool.query(
        `with u as (
           insert into users (username, display_name, organisation_id, scope_kind, scope_division_code)
           select $1 || '-' || g, $2 || g, (select id from organisations where code = 'YP-CENTRE'),
                  'region', '310110'
           from generate_series(1, $3::int) g
           returning id)
         insert into user_roles (user_id, role) select id, $4 from u`,
        [prefix, title, count, role],
      );
    }
    await pool.query(
      `with u as (
         insert into users (username, display_name, organisation_id, scope_kind, scope_organisation_id)
         select 'bench-h-' || o.id || '-' || g, o.name || '处置员' || g, o.id, 'department', o.id
         from organisations o cross join generate_series(1, 3) g
         where o.kind = 'department'
         returning id)
       insert into user_roles (user_id, role) select id, 'department_handler' from u`,
    );
  }
  const { rows } = await pool.query<{ id: number }>(
    `select id from organisations where kind = 'department' and active order by id`,
  );
  return {
    supervisors: await idsOf(pool, 'bench-sup'),
    operators: await idsOf(pool, 'bench-op'),
    shiftLeaders: await idsOf(pool, 'bench-sl'),
    dispatchers: await idsOf(pool, 'bench-disp'),
    handlers: await idsOf(pool, 'bench-h'),
    departments: rows.map((r) => r.id),
  };
}
