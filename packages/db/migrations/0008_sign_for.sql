-- The department signs for (签收) a dispatched case before or while disposing of it.
alter table cases add column signed_at timestamptz;
