#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds everything and runs the whole test suite against real SQLite files
# and a private PostgreSQL server on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
# Pinned npm packages: tst_openapi validates the generated OpenAPI documents with one, tst_supabasejs runs the
# published supabase-js client against basalt-server (both fail under CI=true without them).
if command -v npm >/dev/null 2>&1; then
    npm ci --prefix tests/tools/openapi --no-audit --no-fund
    npm ci --prefix tests/compat/supabase-js --no-audit --no-fund
fi
bash scripts/with-postgres.sh ctest --test-dir build --output-on-failure -j 2 "$@"
