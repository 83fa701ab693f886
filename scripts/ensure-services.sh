#!/usr/bin/env bash
# Makes sure PostgreSQL (127.0.0.1:5432, trust auth) and Redis (127.0.0.1:6379) answer.
# Uses them where they already run; otherwise installs (apt) and starts them. Never stops a
# service it did not start. Override with PGHOST/PGPORT/REDIS_HOST/REDIS_PORT.
set -euo pipefail
PGHOST="${PGHOST:-127.0.0.1}"; PGPORT="${PGPORT:-5432}"
REDIS_HOST="${REDIS_HOST:-127.0.0.1}"; REDIS_PORT="${REDIS_PORT:-6379}"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { $SUDO apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

# A bare TCP probe when the client tools are not installed (e.g. the server runs elsewhere).
tcp_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
pg_up() {
  if command -v pg_isready >/dev/null; then pg_isready -q -h "$PGHOST" -p "$PGPORT"; else tcp_open "$PGHOST" "$PGPORT"; fi
}
if ! pg_up; then
  echo "[services] PostgreSQL not answering on $PGHOST:$PGPORT: starting it"
  command -v pg_ctlcluster >/dev/null || apt_install postgresql postgresql-contrib
  version="$(ls /etc/postgresql | sort -V | tail -n1)"
  conf="/etc/postgresql/$version/main"
  # Local trust auth for the test user, as on the developers' machines.
  if ! grep -q "workbay-trust" "$conf/pg_hba.conf" 2>/dev/null; then
    $SUDO sed -i '1i host all all 127.0.0.1/32 trust # workbay-trust\nhost all all ::1/128 trust # workbay-trust\nlocal all all trust # workbay-trust' "$conf/pg_hba.conf"
  fi
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start || $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main reload
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  pg_up || { echo "[services] PostgreSQL did not come up" >&2; exit 1; }
fi

redis_up() {
  if command -v redis-cli >/dev/null; then [ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]
  else tcp_open "$REDIS_HOST" "$REDIS_PORT"; fi
}
if ! redis_up; then
  echo "[services] Redis not answering on $REDIS_HOST:$REDIS_PORT: starting it"
  command -v redis-server >/dev/null || apt_install redis-server
  redis-server --daemonize yes --bind "$REDIS_HOST" --port "$REDIS_PORT" --save "" --appendonly no
  for _ in $(seq 1 30); do redis_up && break; sleep 1; done
  redis_up || { echo "[services] Redis did not come up" >&2; exit 1; }
fi
echo "[services] PostgreSQL $PGHOST:$PGPORT and Redis $REDIS_HOST:$REDIS_PORT are up"
