#!/usr/bin/env bash
# Installs the Debian 12 packages BisTime needs, when any is missing.
#   scripts/install-deps.sh build   the build and the server
#   scripts/install-deps.sh test    also Catch2, a MariaDB server and a browser for the tests
#   scripts/install-deps.sh fuzz    the build's packages and clang with libFuzzer
#   scripts/install-deps.sh tidy    the build's packages and clang-tidy
#   scripts/install-deps.sh bench   the test packages (MariaDB) and wrk, for bench/
#   scripts/install-deps.sh cluster the build's packages, MariaDB with Galera, rsync and nginx
#                                   (scripts/cluster.sh; the test packages include them)
set -euo pipefail

packages=(g++ cmake make pkg-config libboost-dev libboost-system-dev libsoci-dev libical-dev
  libsqlite3-dev libmariadb-dev rapidjson-dev libsodium-dev libhowardhinnant-date-dev tzdata
  zlib1g-dev libicu-dev)
if [ "${1:-build}" = test ] || [ "${1:-build}" = bench ]; then
  packages+=(catch2 mariadb-server mariadb-client libbenchmark-dev clang-format)
  # The upgrade test loads a dump of an older SQLite database.
  packages+=(sqlite3)
  # The web app's browser tests: Debian's chromium, fonts with Hangul, and
  # Node.js for playwright-core (any Node 18+ already on the PATH will do).
  packages+=(chromium fonts-noto-cjk fonts-dejavu-core)
  command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
fi
if [ "${1:-build}" = bench ]; then
  packages+=(wrk curl python3)
fi
if [ "${1:-build}" = test ] || [ "${1:-build}" = cluster ]; then
  # A Galera cluster on loopback (scripts/cluster.sh and its fault test): the
  # nodes' library, rsync for state transfers, nginx in front, curl to ask.
  packages+=(mariadb-server mariadb-client galera-4 rsync iproute2 lsof nginx curl)
fi
if [ "${1:-build}" = tidy ]; then
  packages+=(clang-tidy)
fi
if [ "${1:-build}" = fuzz ]; then
  packages+=(clang libclang-rt-14-dev)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "missing Debian packages; run as root or install them: ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
