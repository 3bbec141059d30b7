-- The red- and yellow-light lists (案件列表按灯筛选) and the desk's overdue count start from the
-- few running timers that turned red or yellow; these small indexes hold just those.
create index case_timers_red_case_idx on case_timers (case_id)
  where status = 'running' and red_at is not null;
create index case_timers_yellow_case_idx on case_timers (case_id)
  where status = 'running' and yellow_at is not null;
