-- The SLA sweep looks every minute for overdue timers that have earned a 警示单 (warning).
-- A timer remembers when it was warned (warned_at) and, when it was looked at too early, the
-- moment it can first qualify (warning_check_at, on its working calendar); a partial index holds
-- only the overdue timers not yet warned, so a sweep reads those that are due a look.
alter table case_timers add column warned_at timestamptz;
alter table case_timers add column warning_check_at timestamptz;
update case_timers t set warned_at = s.issued_at
  from supervision_slips s
  where s.timer_id = t.id and s.kind = 'warning' and s.origin = 'auto';
create index case_timers_unwarned_idx on case_timers (warning_check_at)
  where status = 'running' and red_at is not null and warned_at is null;
