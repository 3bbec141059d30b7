#!/usr/bin/env bash
# Gets PostgreSQL with PostGIS ready for `npm run bench`: on a Debian machine (as root) it
# installs the packages when missing, starts the cluster (.ci/start-postgres.sh) and creates the
# bench database with the postgis extension. With XIUHUA_BENCH_PG_URL set it does nothing:
# that database must exist and have postgis (CREATE EXTENSION postgis needs a superuser).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${XIUHUA_BENCH_PG_URL:-}" ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "bench: not root, so PostgreSQL is not set up here; set XIUHUA_BENCH_PG_URL to a database with postgis" >&2
  exit 0
fi
missing=()
for pkg in postgresql postgresql-15-postgis-3; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "bench: installing ${missing[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
.ci/start-postgres.sh >/dev/null
su postgres -c "psql -q -v ON_ERROR_STOP=1" <<'SQL'
select 'create database xiuhua_bench owner xiuhua' where not exists (select 1 from pg_database where datname = 'xiuhua_bench')\gexec
\c xiuhua_bench
create extension if not exists postgis;
SQL
