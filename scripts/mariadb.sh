#!/usr/bin/env bash
# A private MariaDB server for the tests, on loopback, in a temporary folder.
#   source scripts/mariadb.sh; mariadb_start; ...; mariadb_stop
# mariadb_start exports BISTIME_TEST_MYSQL_URL (the storage suite's database)
# and BISTIME_TEST_MYSQL_HTTP_URL (the HTTP suite's): two databases, so that
# the suites, which CTest runs side by side, never see each other's rows.

mariadb_start() {
  MARIADB_DIR=$(mktemp -d /tmp/bistime-mariadb.XXXXXX)
  local user
  user=$(id -un)
  mariadb-install-db --no-defaults --datadir="$MARIADB_DIR/data" --user="$user" \
    --skip-test-db >"$MARIADB_DIR/install.log" 2>&1 || {
    cat "$MARIADB_DIR/install.log" >&2
    return 1
  }
  local attempt
  for attempt in 1 2 3 4 5; do
    # Below Linux's ephemeral ports (32768 and up), which client connections
    # take; the fault tests' own MariaDB servers use 27000–32699.
    MARIADB_PORT=$((20000 + RANDOM % 7000))
    mariadbd --no-defaults --datadir="$MARIADB_DIR/data" --user="$user" \
      --socket="$MARIADB_DIR/mysqld.sock" --pid-file="$MARIADB_DIR/mysqld.pid" \
      --port="$MARIADB_PORT" --bind-address=127.0.0.1 --skip-name-resolve \
      --innodb-buffer-pool-size=128M --innodb-flush-log-at-trx-commit=2 \
      --log-error="$MARIADB_DIR/error.log" &
    MARIADB_PID=$!
    local waited
    for waited in $(seq 1 60); do
      if mariadb-admin --no-defaults --socket="$MARIADB_DIR/mysqld.sock" -uroot ping >/dev/null 2>&1; then
        break
      fi
      kill -0 "$MARIADB_PID" 2>/dev/null || break
      sleep 0.5
    done
    if mariadb-admin --no-defaults --socket="$MARIADB_DIR/mysqld.sock" -uroot ping >/dev/null 2>&1; then
      break
    fi
    echo "MariaDB did not start on port $MARIADB_PORT (attempt $attempt)" >&2
    kill "$MARIADB_PID" 2>/dev/null || true
    wait "$MARIADB_PID" 2>/dev/null || true
    MARIADB_PID=
  done
  if [ -z "${MARIADB_PID:-}" ]; then
    cat "$MARIADB_DIR/error.log" >&2
    return 1
  fi
  local password
  password="test-$RANDOM$RANDOM"
  mariadb --no-defaults --socket="$MARIADB_DIR/mysqld.sock" -uroot <<SQL
CREATE DATABASE bistime_test CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE DATABASE bistime_http_test CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE USER 'bistime'@'127.0.0.1' IDENTIFIED BY '$password';
GRANT ALL ON bistime_test.* TO 'bistime'@'127.0.0.1';
GRANT ALL ON bistime_http_test.* TO 'bistime'@'127.0.0.1';
SQL
  export BISTIME_TEST_MYSQL_URL="mysql://bistime:$password@127.0.0.1:$MARIADB_PORT/bistime_test"
  export BISTIME_TEST_MYSQL_HTTP_URL="mysql://bistime:$password@127.0.0.1:$MARIADB_PORT/bistime_http_test"
  echo "MariaDB $(mariadbd --version | awk '{print $3}') is up on 127.0.0.1:$MARIADB_PORT"
}

mariadb_stop() {
  if [ -n "${MARIADB_PID:-}" ]; then
    mariadb-admin --no-defaults --socket="$MARIADB_DIR/mysqld.sock" -uroot shutdown >/dev/null 2>&1 ||
      kill "$MARIADB_PID" 2>/dev/null || true
    wait "$MARIADB_PID" 2>/dev/null || true
    MARIADB_PID=
  fi
  [ -n "${MARIADB_DIR:-}" ] && rm -rf "$MARIADB_DIR"
  MARIADB_DIR=
}
