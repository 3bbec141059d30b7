-- An overdue timer is due a look for its 警示单 from the moment it turns red (warning_check_at
-- is set then), so the sweep's index can hold a plain time: each sweep reads only the timers
-- whose look is due, never the whole list of overdue ones (see 0017).
update case_timers set warning_check_at = red_at
  where status = 'running' and red_at is not null and warned_at is null and warning_check_at is null;
drop index case_timers_unwarned_idx;
create index case_timers_warning_check_idx on case_timers (warning_check_at)
  where status = 'running' and red_at is not null and warned_at is null;
