-- Analytics (packages/db/src/repositories/analytics.repository.ts) scans cases by report time,
-- within a district (region scopes) or a class (class filters, recurrence), and disposal timers
-- by their deadline (a running timer's due_at, or the deadline_at a finished one kept).

create index cases_district_created_idx on cases (district_code, created_at);
create index cases_class_created_idx on cases (class_id, created_at);
create index case_timers_dispose_deadline_idx on case_timers ((coalesce(due_at, deadline_at)))
  where step = 'dispose';
