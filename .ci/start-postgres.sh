#!/usr/bin/env bash
# Starts the Debian PostgreSQL cluster and makes sure the xiuhua role and database exist.
# Idempotent: safe to run when it is already up. Needs root (CI and dev machines are).
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p 5432
su postgres -c "psql -q -v ON_ERROR_STOP=1" <<'SQL'
do $$ begin
  if not exists (select 1 from pg_roles where rolname = 'xiuhua') then
    create role xiuhua login createdb password 'xiuhua';
  end if;
end $$;
select 'create database xiuhua owner xiuhua' where not exists (select 1 from pg_database where datname = 'xiuhua')\gexec
SQL
