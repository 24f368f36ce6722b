#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers for the indexer's tests, and prints its URL.
#
# With SPIN_TEST_POSTGRES_URL set, that server is used as it is. Otherwise the tests use a role
# `spin_test` (password `spin_test`, allowed to create databases and roles, and to end other
# sessions on the databases it drops) on 127.0.0.1:5432. When no
# server answers there, Debian's `postgresql` package is installed (when missing) and its cluster
# started; the role is created when it is missing. Both need root (or sudo without a password);
# without them this fails with what to do instead, so the PostgreSQL half of the tests never
# goes silently missing.
#
# Progress, and anything the commands below print, goes to stderr; the URL alone goes to stdout,
# as its last line.
set -euo pipefail
exec 3>&1 1>&2

say() { echo "postgres: $*" >&2; }
fail() {
  say "$*"
  say "install and start PostgreSQL yourself, or set SPIN_TEST_POSTGRES_URL to a server where the"
  say "user may create databases (e.g. postgres://user:password@host:5432/postgres)"
  exit 1
}

if [[ -n "${SPIN_TEST_POSTGRES_URL:-}" ]]; then
  echo "$SPIN_TEST_POSTGRES_URL" >&3
  exit 0
fi

URL="postgres://spin_test:spin_test@127.0.0.1:5432/postgres"

# Without the URL's descriptor: a server started here must not hold the caller's pipe open.
as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@" 3>&-
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n "$@" 3>&-
  else fail "no PostgreSQL answers on 127.0.0.1:5432 and setting one up needs root"
  fi
}

answers() { (exec 9<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
logs_in() { PGCONNECT_TIMEOUT=5 psql "$URL" -tAc 'select 1' >/dev/null 2>&1; }

# Dropping a test database WITH (FORCE) must also end an autovacuum worker that happens to be on
# it (a busy machine makes that likely): the role needs pg_signal_backend.
may_signal() {
  [[ $(PGCONNECT_TIMEOUT=5 psql "$URL" -tAc "select pg_has_role('pg_signal_backend', 'member')" 2>/dev/null) == t ]]
}
grant_signal() {
  as_root runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -c "GRANT pg_signal_backend TO spin_test" >&2
}
# The indexer's tests act as another role that may only connect (what it must not be able to do).
may_create_roles() {
  [[ $(PGCONNECT_TIMEOUT=5 psql "$URL" -tAc "select rolcreaterole from pg_roles where rolname = current_user" 2>/dev/null) == t ]]
}
grant_create_roles() {
  as_root runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -c "ALTER ROLE spin_test CREATEROLE" >&2
}

if answers && command -v psql >/dev/null 2>&1 && logs_in; then
  may_signal || grant_signal
  may_create_roles || grant_create_roles
  echo "$URL" >&3
  exit 0
fi

if ! answers; then
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    command -v apt-get >/dev/null 2>&1 || fail "no PostgreSQL answers and this is not a Debian system"
    say "installing Debian's postgresql package (about a minute)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  # The package's cluster, or a new one when the package came without (e.g. in a container).
  cluster=$(pg_lsclusters --no-header 2>/dev/null | awk '$3 == 5432 { print $1, $2; exit }')
  if [[ -z "$cluster" ]]; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    say "creating a PostgreSQL $version cluster on port 5432"
    as_root pg_createcluster --port 5432 "$version" main >/dev/null
    cluster="$version main"
  fi
  say "starting PostgreSQL $cluster"
  # shellcheck disable=SC2086
  as_root pg_ctlcluster $cluster start
  for _ in $(seq 1 600); do
    answers && break
    sleep 0.1
  done
  answers || fail "PostgreSQL $cluster was started but does not answer on 127.0.0.1:5432"
fi

command -v psql >/dev/null 2>&1 || fail "PostgreSQL answers but psql is missing"
if ! logs_in; then
  say "creating the role spin_test"
  as_root runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -c \
    "DO \$\$ BEGIN
       IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'spin_test') THEN
         CREATE ROLE spin_test LOGIN CREATEDB CREATEROLE PASSWORD 'spin_test';
       ELSE
         ALTER ROLE spin_test LOGIN CREATEDB CREATEROLE PASSWORD 'spin_test';
       END IF;
     END \$\$;" >&2
  logs_in || fail "the role spin_test cannot log in on 127.0.0.1:5432 (check pg_hba.conf)"
fi
may_signal || grant_signal
may_create_roles || grant_create_roles
echo "$URL" >&3
