-- Indexes found wanting by the benchmarks at a million cases (docs/benchmarks.md).

-- Rework is counted in distinct cases: the evaluation reads a period's rework facts alone, which
-- this index finds without walking the period's other facts.
create index evaluation_facts_kind_at_idx on evaluation_facts (kind, at);

-- Running timers are a small part of all timers: queues and the desk find them (by deadline, or
-- by case for the red and yellow lights) without reading the finished ones.
create index case_timers_running_due_idx on case_timers (due_at) where status = 'running';
create index case_timers_running_case_idx on case_timers (case_id) where status = 'running';
