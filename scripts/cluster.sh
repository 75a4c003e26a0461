#!/usr/bin/env bash
# A Galera cluster on loopback, with bistime-servers on it and nginx in front:
# three MariaDB nodes (Debian's galera-4), each with its own data directory and
# ports, running as the mysql user (rsync state transfer refuses root); one
# bistime-server per node; nginx balancing over the servers. Everything on
# 127.0.0.1, in one folder.
#
#   scripts/cluster.sh up       start it all; prints the address and writes $BISTIME_CLUSTER_DIR/cluster.env
#   scripts/cluster.sh status   each node's cluster size and state, each server's /ready, nginx
#   scripts/cluster.sh down     stop it all and remove the folder
#
# Also, for the fault test: kill-node N, start-node N (rejoins, by IST when it
# can), kill-server N, start-server N, sql N "STATEMENT" (prints rows).
#
# BISTIME_CLUSTER_DIR (default /tmp/bistime-cluster) holds the data and logs;
# BISTIME_SERVER names the bistime-server to run (default build/app/bistime-server);
# BISTIME_CLUSTER_SERVER_FLAGS adds flags to each (the fault test: --max-people 0).
# Needs, as root: scripts/install-deps.sh cluster (mariadb-server, galera-4,
# rsync, nginx).
set -euo pipefail
cd "$(dirname "$0")/.."

dir=${BISTIME_CLUSTER_DIR:-/tmp/bistime-cluster}
server_binary=$(realpath "${BISTIME_SERVER:-build/app/bistime-server}")
galera=/usr/lib/galera/libgalera_smm.so

# Ports: node N listens for SQL on base+10N, Galera on +1, IST on +2, SST on
# +3; its bistime-server on +4; nginx on base+5.
port() { # node what
  local offset
  case $2 in sql) offset=0 ;; group) offset=1 ;; ist) offset=2 ;; sst) offset=3 ;; server) offset=4 ;; esac
  echo $((BASE + 10 * $1 + offset))
}

load_state() {
  # shellcheck source=/dev/null
  [ -f "$dir/cluster.env" ] && source "$dir/cluster.env"
  : "${BASE:?no cluster in $dir (scripts/cluster.sh up)}"
}

socket() { echo "$dir/node$1/mysqld.sock"; }

sql() { # node statement...
  mariadb --no-defaults --socket="$(socket "$1")" -uroot -N -B -e "$2"
}

node_ready() {
  [ "$(sql "$1" "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | cut -f2)" = Synced ]
}

start_node() { # node [bootstrap]
  local n=$1 members="" m
  for m in 1 2 3; do members+="${members:+,}127.0.0.1:$(port "$m" group)"; done
  local address="gcomm://$members"
  local extra=()
  local storage=(--no-defaults --user=mysql --datadir="$dir/node$n/data"
    --innodb-buffer-pool-size=64M --innodb-log-file-size=16M --innodb-flush-log-at-trx-commit=2
    --binlog-format=ROW --default-storage-engine=InnoDB --innodb-autoinc-lock-mode=2
    --log-bin-trust-function-creators=1)
  if [ "${2:-}" = bootstrap ]; then
    address="gcomm://"
    extra+=(--wsrep-new-cluster)
  elif [ -f "$dir/node$n/data/grastate.dat" ]; then
    # A node that was killed left no position in grastate.dat: recover it
    # from InnoDB first (as mysqld_safe does), so that the node asks for the
    # writes it missed (IST) instead of a whole copy (SST).
    mariadbd "${storage[@]}" --wsrep-on=ON --wsrep-provider="$galera" --wsrep-recover \
      --wsrep-cluster-address="$address" --wsrep-sst-method=rsync \
      --log-error="$dir/node$n/recover.log" >/dev/null 2>&1 || true
    local position
    position=$(sed -n 's/.*WSREP: Recovered position: *//p' "$dir/node$n/recover.log" 2>/dev/null |
      tail -1 || true)
    [ -n "$position" ] && extra+=(--wsrep-start-position="$position")
  fi
  mariadbd "${storage[@]}" --socket="$(socket "$n")" \
    --pid-file="$dir/node$n/mysqld.pid" --port="$(port "$n" sql)" --bind-address=127.0.0.1 \
    --skip-name-resolve --log-error="$dir/node$n/error.log" \
    --wsrep-on=ON --wsrep-provider="$galera" --wsrep-cluster-name=bistime \
    --wsrep-node-name="node$n" --wsrep-node-address="127.0.0.1:$(port "$n" group)" \
    --wsrep-cluster-address="$address" --wsrep-sst-method=rsync \
    --wsrep-sst-receive-address="127.0.0.1:$(port "$n" sst)" \
    --wsrep-provider-options="gmcast.listen_addr=tcp://127.0.0.1:$(port "$n" group);ist.recv_addr=127.0.0.1:$(port "$n" ist);gcache.size=64M;gcs.fc_limit=1024;evs.keepalive_period=PT0.3S;evs.inactive_check_period=PT0.3S;evs.suspect_timeout=PT1S;evs.inactive_timeout=PT2S;evs.install_timeout=PT2S" \
    "${extra[@]}" >>"$dir/node$n/stdout.log" 2>&1 &
  echo $! >"$dir/node$n/launcher.pid"
  local waited
  for waited in $(seq 1 240); do
    node_ready "$n" && return 0
    sleep 0.5
  done
  echo "node $n did not reach Synced; the end of its log:" >&2
  tail -30 "$dir/node$n/error.log" >&2
  return 1
}

kill_node() {
  local pid
  pid=$(cat "$dir/node$1/mysqld.pid" 2>/dev/null || true)
  [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
  rm -f "$dir/node$1/mysqld.pid"
}

server_url() { echo "mysql://bistime:$PASSWORD@127.0.0.1:$(port "$1" sql)/bistime"; }

start_server() {
  local n=$1
  # The cluster pauses writes for a moment while a node leaves or a rejoined
  # one catches up: a longer wait on the database rides those out instead of
  # answering 503.
  "$server_binary" --port "$(port "$n" server)" --db "$(server_url "$n")" ${BISTIME_CLUSTER_LOG:---quiet} \
    --db-timeout 8 --create-rate off --timezone UTC ${BISTIME_CLUSTER_SERVER_FLAGS:-} \
    >>"$dir/server$n.log" 2>&1 &
  echo $! >"$dir/server$n.pid"
  local waited
  for waited in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$(port "$n" server)/ready" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "bistime-server $n did not become ready; its log:" >&2
  tail -20 "$dir/server$n.log" >&2
  return 1
}

kill_server() {
  kill -9 "$(cat "$dir/server$1.pid")" 2>/dev/null || true
}

start_nginx() {
  cat >"$dir/nginx.conf" <<NGINX
pid $dir/nginx.pid;
error_log $dir/nginx-error.log;
worker_processes 1;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $dir/nginx-body;
  proxy_temp_path $dir/nginx-proxy;
  fastcgi_temp_path $dir/nginx-fastcgi;
  uwsgi_temp_path $dir/nginx-uwsgi;
  scgi_temp_path $dir/nginx-scgi;
  # Writes go to one server at a time (the others stand by): on Galera, two
  # nodes writing the same rows at once fail certification, and every write
  # of an event bumps that event's version. Reads go to all three.
  map \$request_method \$pool {
    GET reads;
    HEAD reads;
    OPTIONS reads;
    default writes;
  }
  # No failure accounting: on loopback a refused connection costs nothing,
  # and a server marked down would stay so while it is back.
  upstream reads {
    server 127.0.0.1:$(port 1 server) max_fails=0;
    server 127.0.0.1:$(port 2 server) max_fails=0;
    server 127.0.0.1:$(port 3 server) max_fails=0;
    keepalive 16;
  }
  upstream writes {
    server 127.0.0.1:$(port 1 server) max_fails=0;
    server 127.0.0.1:$(port 2 server) max_fails=0 backup;
    server 127.0.0.1:$(port 3 server) max_fails=0 backup;
    keepalive 16;
  }
  server {
    listen 127.0.0.1:$((BASE + 5));
    client_max_body_size 1m;
    location / {
      proxy_pass http://\$pool;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_connect_timeout 1s;
      # A server that is gone, or whose node is (it answers 503 at once, having
      # written nothing), hands the request to the next one, writes too: a
      # person's schedule is written whole by name, so a write that did land
      # before its server died lands again as the same rows.
      proxy_next_upstream error timeout http_503 non_idempotent;
      proxy_next_upstream_tries 3;
    }
  }
}
NGINX
  nginx -c "$dir/nginx.conf"
}

up() {
  if [ -f "$dir/cluster.env" ]; then
    echo "a cluster is already in $dir (scripts/cluster.sh down first)" >&2
    return 1
  fi
  mkdir -p "$dir"
  chmod 755 "$dir"
  # Below the ephemeral range (32768 and up), where outgoing connections would
  # otherwise take our ports, and apart from scripts/mariadb.sh's (20000 and up);
  # a base whose ports are taken is passed over.
  local tries
  for tries in $(seq 1 20); do
    BASE=$((10000 + (RANDOM % 990) * 10))
    ss -Htan "( sport >= :$BASE and sport <= :$((BASE + 40)) )" | grep -q . || break
  done
  PASSWORD="cluster-$RANDOM$RANDOM"
  local n
  for n in 1 2 3; do
    mkdir -p "$dir/node$n"
    chown mysql:mysql "$dir/node$n"
  done
  # The first node is made and bootstrapped; the others join empty and get
  # its state by rsync.
  mariadb-install-db --no-defaults --user=mysql --datadir="$dir/node1/data" --skip-test-db \
    >"$dir/node1/install.log" 2>&1
  for n in 2 3; do
    mkdir -p "$dir/node$n/data"
    chown mysql:mysql "$dir/node$n/data"
  done
  printf 'BASE=%s\nPASSWORD=%s\n' "$BASE" "$PASSWORD" >"$dir/cluster.env"
  start_node 1 bootstrap
  sql 1 "CREATE DATABASE bistime CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
         CREATE USER 'bistime'@'127.0.0.1' IDENTIFIED BY '$PASSWORD';
         GRANT ALL ON bistime.* TO 'bistime'@'127.0.0.1';"
  start_node 2
  start_node 3
  for n in 1 2 3; do start_server "$n"; done
  start_nginx
  echo "BisTime on a 3-node Galera cluster: http://127.0.0.1:$((BASE + 5)) (nginx over servers on $(port 1 server), $(port 2 server), $(port 3 server))"
}

status() {
  load_state
  local n
  for n in 1 2 3; do
    local size state
    size=$(sql "$n" "SHOW STATUS LIKE 'wsrep_cluster_size'" 2>/dev/null | cut -f2 || true)
    state=$(sql "$n" "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | cut -f2 || true)
    echo "node $n (sql $(port "$n" sql)): ${state:-down}, cluster size ${size:--}"
  done
  for n in 1 2 3; do
    echo "server $n ($(port "$n" server)): /ready $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(port "$n" server)/ready" || true)"
  done
  echo "nginx ($((BASE + 5))): /health-check $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$((BASE + 5))/health-check" || true)"
}

down() {
  [ -f "$dir/cluster.env" ] || { rm -rf "$dir"; return 0; }
  load_state
  [ -f "$dir/nginx.pid" ] && nginx -c "$dir/nginx.conf" -s stop 2>/dev/null || true
  local n
  for n in 1 2 3; do
    [ -f "$dir/server$n.pid" ] && kill "$(cat "$dir/server$n.pid")" 2>/dev/null || true
  done
  for n in 3 2 1; do
    mariadb-admin --no-defaults --socket="$(socket "$n")" -uroot shutdown >/dev/null 2>&1 ||
      kill_node "$n"
  done
  for n in 1 2 3; do
    local pid
    pid=$(cat "$dir/node$n/launcher.pid" 2>/dev/null || true)
    for _ in $(seq 1 100); do
      { [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; } && break
      sleep 0.1
    done
    # A node still shutting down after 10 s is killed: its files go next,
    # and a node left running without them would hold its ports for good.
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && kill_node "$n"
  done
  rm -rf "$dir"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  kill-node) load_state; kill_node "$2" ;;
  start-node) load_state; start_node "$2" ;;
  kill-server) load_state; kill_server "$2" ;;
  start-server) load_state; start_server "$2" ;;
  sql) load_state; sql "$2" "$3" ;;
  port) load_state; if [ "$2" = nginx ]; then echo $((BASE + 5)); else port "$2" "$3"; fi ;;
  *) sed -n '2,20p' "$0"; exit 2 ;;
esac
