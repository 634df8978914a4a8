# Starts a throw-away PostgreSQL server for the PostgreSQL tests: Debian's postgresql (installed with apt-get when
# missing), a fresh data folder in a temporary directory, a free port on 127.0.0.1, a user "gateway" that may create
# databases (each test makes its own) and a database "gateway". Sourced by .ci/run, which passes
#   GATEWAY_TEST_POSTGRESQL_URL, GATEWAY_TEST_POSTGRESQL_USER, GATEWAY_TEST_POSTGRESQL_PASSWORD and
#   GATEWAY_TEST_POSTGRESQL_RESTART (a script that restarts the server)
# to the tests as -Dgateway.test.postgresql.url/user/password/restart and calls stop_postgres at the end.
# When no server can be started, it exports nothing but the reason, in POSTGRES_NOT_STARTED, and the PostgreSQL tests
# are reported as not run.

POSTGRES_NOT_STARTED=""
postgres_dir=""
postgres_bin=""

stop_postgres() {
  if [ -n "$postgres_dir" ] && [ -d "$postgres_dir" ]; then
    postgres_as_owner "$postgres_bin/pg_ctl" -D "$postgres_dir/data" -m immediate -w stop >/dev/null 2>&1
    rm -rf "$postgres_dir"
    postgres_dir=""
  fi
}

# initdb and the server refuse to run as root: as root they run as the user "postgres" (made by the Debian package).
postgres_as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

postgres_free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

start_postgres() {
  if ! ls -d /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "Installing PostgreSQL (Debian package postgresql) for the PostgreSQL tests..."
      export DEBIAN_FRONTEND=noninteractive
      apt-get install -y -q -o Dpkg::Use-Pty=0 postgresql >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q -o Dpkg::Use-Pty=0 postgresql >/dev/null 2>&1; }
    fi
  fi
  postgres_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$postgres_bin" ] || [ ! -x "$postgres_bin/initdb" ]; then
    POSTGRES_NOT_STARTED="PostgreSQL is not installed and could not be installed with apt-get (needs root and apt)"
    return 1
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    POSTGRES_NOT_STARTED="there is no user 'postgres' to run the server as (initdb refuses root)"
    return 1
  fi
  local port password
  port=$(postgres_free_port) || { POSTGRES_NOT_STARTED="no free port found on 127.0.0.1"; return 1; }
  password="test-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  postgres_dir=$(mktemp -d -t gateway-postgres-XXXXXX)
  chmod 755 "$postgres_dir"
  [ "$(id -u)" = 0 ] && chown postgres "$postgres_dir"
  # the server's own superuser logs in over the socket in the folder only; everyone else by password over TCP
  if ! postgres_as_owner "$postgres_bin/initdb" -D "$postgres_dir/data" -U postgres --auth-local=trust \
        --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$postgres_dir/initdb.log" 2>&1; then
    POSTGRES_NOT_STARTED="initdb failed: $(tail -n 3 "$postgres_dir/initdb.log" | tr '\n' ' ')"
    stop_postgres
    return 1
  fi
  # fsync off: the tests kill gateways, never the database, and a throw-away server need not survive a power cut
  if ! postgres_as_owner "$postgres_bin/pg_ctl" -D "$postgres_dir/data" -l "$postgres_dir/server.log" -w -t 60 \
        -o "-p $port -k $postgres_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300" \
        start >/dev/null 2>&1; then
    POSTGRES_NOT_STARTED="the server did not start: $(tail -n 3 "$postgres_dir/server.log" | tr '\n' ' ')"
    stop_postgres
    return 1
  fi
  if ! postgres_as_owner "$postgres_bin/psql" -q -h "$postgres_dir" -p "$port" -U postgres -d postgres \
        -v ON_ERROR_STOP=1 -c "CREATE ROLE gateway LOGIN CREATEDB PASSWORD '$password'" \
        -c "CREATE DATABASE gateway OWNER gateway" >"$postgres_dir/setup.log" 2>&1; then
    POSTGRES_NOT_STARTED="could not create the user and database: $(tail -n 3 "$postgres_dir/setup.log" | tr '\n' ' ')"
    stop_postgres
    return 1
  fi
  # the chaos test restarts the server under load (fast: open connections are cut, as in a failover)
  cat >"$postgres_dir/restart.sh" <<EOF
#!/usr/bin/env bash
$(declare -f postgres_as_owner)
postgres_as_owner "$postgres_bin/pg_ctl" -D "$postgres_dir/data" -l "$postgres_dir/server.log" -m fast -w -t 60 restart >/dev/null
EOF
  chmod 755 "$postgres_dir/restart.sh"
  export GATEWAY_TEST_POSTGRESQL_RESTART="$postgres_dir/restart.sh"
  export GATEWAY_TEST_POSTGRESQL_URL="jdbc:postgresql://127.0.0.1:$port/gateway"
  export GATEWAY_TEST_POSTGRESQL_USER=gateway
  export GATEWAY_TEST_POSTGRESQL_PASSWORD="$password"
  echo "PostgreSQL $("$postgres_bin/postgres" --version | grep -o '[0-9][0-9.]*' | head -n 1) for the tests at $GATEWAY_TEST_POSTGRESQL_URL"
}
