-- Rows that refer to a case are read by case (a case's events, its return visits) and checked by
-- case when cases go; without these indexes each such look read the whole table.
create index outbox_events_case_idx on outbox_events (case_id);
create index hotline_return_visits_case_idx on hotline_return_visits (case_id);
