#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a command with a private, throw-away PostgreSQL cluster on a free loopback port.
# The command sees BASALT_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:PORT/postgres; the cluster and
# its data directory are removed when the command ends, however it ends.
# Without PostgreSQL the command still runs (PostgreSQL tests skip), except under CI=true, where it fails.
set -euo pipefail


pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
    msg="PostgreSQL server binaries not found under /usr/lib/postgresql"
    if [ "${CI:-}" = "true" ]; then echo "error: $msg (PostgreSQL is required under CI=true)" >&2; exit 1; fi
    echo "warning: $msg; PostgreSQL tests will be skipped" >&2
    exec "$@"
fi

tmp=$(mktemp -d /tmp/basalt-pg.XXXXXX)
run_pg=()
if [ "$(id -u)" -eq 0 ]; then
    # PostgreSQL refuses to run as root: run it as the postgres user the Debian package creates.
    chown postgres: "$tmp"
    run_pg=(runuser -u postgres --)
fi

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=""
for _ in $(seq 1 50); do
    candidate=$(( 20000 + RANDOM % 30000 ))
    if port_is_free "$candidate"; then port=$candidate; break; fi
done
[ -n "$port" ] || { echo "error: no free port for PostgreSQL" >&2; exit 1; }

cleanup() {
    "${run_pg[@]}" "$pgbin/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$tmp"
}
trap cleanup EXIT

"${run_pg[@]}" "$pgbin/initdb" -D "$tmp/data" -U postgres -A trust -E UTF8 --no-sync >"$tmp/initdb.log" 2>&1 \
    || { cat "$tmp/initdb.log" >&2; echo "error: initdb failed" >&2; exit 1; }
"${run_pg[@]}" "$pgbin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 60 start \
    -o "-p $port -k $tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    >/dev/null || { cat "$tmp/server.log" >&2; echo "error: PostgreSQL did not start" >&2; exit 1; }

export BASALT_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/postgres"
echo "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') test server on 127.0.0.1:$port"
set +e
"$@"
status=$?
set -e
exit $status
