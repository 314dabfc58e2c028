#!/usr/bin/env bash
# Sets up a machine for Fedra: pnpm (if missing), a Redis that answers at
# FEDRA_REDIS_URL or 127.0.0.1:6379 (started, or installed with apt, if
# missing), and the workspace's dependencies. Used by the README's quick start
# and by CI. Pass --frozen-lockfile to refuse lockfile changes (CI does).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v pnpm >/dev/null 2>&1; then
  echo "setup: installing pnpm"
  npm install --global pnpm@12
fi
echo "setup: pnpm $(pnpm --version)"

REDIS_URL="${FEDRA_REDIS_URL:-redis://127.0.0.1:6379}"
REDIS_HOSTPORT="${REDIS_URL#redis://}"
REDIS_HOSTPORT="${REDIS_HOSTPORT##*@}"
REDIS_HOSTPORT="${REDIS_HOSTPORT%%/*}"
REDIS_HOST="${REDIS_HOSTPORT%:*}"
REDIS_PORT="${REDIS_HOSTPORT##*:}"
redis_up() {
  command -v redis-cli >/dev/null 2>&1 &&
    redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG
}
if ! redis_up; then
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "setup: redis-server missing, installing it with apt"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server >/dev/null
  fi
  if ! redis_up; then
    echo "setup: starting redis-server on $REDIS_HOST:$REDIS_PORT (no persistence)"
    redis-server --daemonize yes --bind "$REDIS_HOST" --port "$REDIS_PORT" --save "" --appendonly no
    for _ in $(seq 1 50); do redis_up && break; sleep 0.1; done
  fi
fi
if ! redis_up; then
  echo "setup: Redis does not answer at $REDIS_URL; start it and run this again" >&2
  exit 1
fi
echo "setup: redis answers at $REDIS_HOST:$REDIS_PORT"

pnpm install "$@"
