-- Monthly sums of the indicator facts (综合评价月汇总), so that a month's evaluation reads one
-- row per object, kind and state instead of the month's millions of facts (docs/benchmarks.md).
--
-- The sums stay exact without locking anything a case change touches: every insert or delete of
-- facts appends its signed counts to evaluation_fact_deltas (a statement trigger), and a job folds
-- the deltas into evaluation_month_sums now and then, in one transaction. A reader adds the
-- deltas not yet folded, so sums + deltas always equal the facts in the reader's snapshot.
--
-- A fact is summed once per way it is evaluated: a case's single copy (department null) under
-- 'region' (by its grid, community, street and district) and under 'actor' (by who acted, and
-- their position); a department's copy under 'department'. '' and 0 stand for "none" in keys.

-- The month (China time) a moment falls in.
create function evaluation_fact_month(t timestamptz) returns date
  language sql immutable parallel safe as $$
    select date_trunc('month', (t at time zone 'UTC') + interval '8 hours')::date
  $$;

-- The sum keys of one fact: one or two rows, by scope. A step ended in a later month than its
-- fact's is "finished" only from that month on; one ended earlier counts as ended in the fact's
-- own month (the earliest a period containing the fact can end). Not ended: 'infinity'.
create function evaluation_fact_sum_keys(
  f_at timestamptz, f_finished_at timestamptz, f_on_time boolean, f_actor_user_id integer,
  f_position text, f_department_id integer, f_held boolean, f_value integer, f_kind text,
  f_grid_code text, f_community_code text, f_street_code text, f_district_code text
) returns table (
  month date, scope text, grid_code text, community_code text, street_code text,
  district_code text, department_id integer, actor_user_id integer, "position" text, kind text,
  held boolean, finished_month date, value integer, on_time integer
) language sql immutable parallel safe as $$
  select
    evaluation_fact_month(f_at),
    s.scope,
    case when s.scope = 'region' then coalesce(f_grid_code, '') else '' end,
    case when s.scope = 'region' then coalesce(f_community_code, '') else '' end,
    case when s.scope = 'region' then coalesce(f_street_code, '') else '' end,
    case when s.scope = 'region' then coalesce(f_district_code, '') else '' end,
    case when s.scope = 'department' then f_department_id else 0 end,
    case when s.scope = 'actor' then f_actor_user_id else 0 end,
    case when s.scope = 'actor' then coalesce(f_position, '') else '' end,
    f_kind,
    f_held,
    case when f_finished_at is null then 'infinity'::date
      else greatest(evaluation_fact_month(f_at), evaluation_fact_month(f_finished_at)) end,
    f_value,
    case when f_on_time then 1 else 0 end
  from (values ('region'), ('actor'), ('department')) as s (scope)
  where (s.scope = 'region' and f_department_id is null)
     or (s.scope = 'actor' and f_department_id is null and f_actor_user_id is not null)
     or (s.scope = 'department' and f_department_id is not null)
$$;

create table evaluation_month_sums (
  month date not null,
  scope text not null check (scope in ('region', 'department', 'actor')),
  grid_code text not null,
  community_code text not null,
  street_code text not null,
  district_code text not null,
  department_id integer not null,
  actor_user_id integer not null,
  position text not null,
  kind text not null,
  held boolean not null,
  finished_month date not null,
  -- Facts, sum of their values, facts on time (integers: their sums are bigints, which add
  -- up much faster than numerics).
  n integer not null,
  value integer not null,
  on_time integer not null,
  -- Keyed by object, then kind: a month's objects come out of the key in the order their
  -- evaluation groups them.
  primary key (
    month, scope, grid_code, department_id, actor_user_id, kind, community_code, street_code,
    district_code, position, held, finished_month
  )
);

create table evaluation_fact_deltas (
  month date not null,
  scope text not null,
  grid_code text not null,
  community_code text not null,
  street_code text not null,
  district_code text not null,
  department_id integer not null,
  actor_user_id integer not null,
  position text not null,
  kind text not null,
  held boolean not null,
  finished_month date not null,
  n integer not null,
  value integer not null,
  on_time integer not null
);
create index evaluation_fact_deltas_month_idx on evaluation_fact_deltas (month);

-- Appends the signed sums of the facts a statement inserted (new_facts) or deleted (old_facts).
create function evaluation_facts_record_deltas() returns trigger language plpgsql as $$
begin
  execute format($q$
    insert into evaluation_fact_deltas
    select k.month, k.scope, k.grid_code, k.community_code, k.street_code, k.district_code,
      k.department_id, k.actor_user_id, k.position, k.kind, k.held, k.finished_month,
      $1 * count(*), $1 * sum(k.value), $1 * sum(k.on_time)
    from %I f
    cross join lateral evaluation_fact_sum_keys(f.at, f.finished_at, f.on_time,
      f.actor_user_id, f.position, f.department_id, f.held, f.value, f.kind, f.grid_code,
      f.community_code, f.street_code, f.district_code) k
    group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
  $q$, case when tg_op = 'INSERT' then 'new_facts' else 'old_facts' end)
  using case when tg_op = 'INSERT' then 1 else -1 end;
  return null;
end;
$$;
create trigger evaluation_facts_inserted after insert on evaluation_facts
  referencing new table as new_facts
  for each statement execute function evaluation_facts_record_deltas();
create trigger evaluation_facts_deleted after delete on evaluation_facts
  referencing old table as old_facts
  for each statement execute function evaluation_facts_record_deltas();

-- Recomputes every sum from the facts (after a bulk load with the triggers off).
create function evaluation_month_sums_rebuild() returns void language sql as $$
  delete from evaluation_fact_deltas;
  delete from evaluation_month_sums;
  insert into evaluation_month_sums
  select k.month, k.scope, k.grid_code, k.community_code, k.street_code, k.district_code,
    k.department_id, k.actor_user_id, k.position, k.kind, k.held, k.finished_month,
    count(*), sum(k.value), sum(k.on_time)
  from evaluation_facts f
  cross join lateral evaluation_fact_sum_keys(f.at, f.finished_at, f.on_time, f.actor_user_id,
    f.position, f.department_id, f.held, f.value, f.kind, f.grid_code, f.community_code,
    f.street_code, f.district_code) k
  group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12;
$$;

select evaluation_month_sums_rebuild();
