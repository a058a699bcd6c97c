#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds everything and runs the whole test suite against real SQLite files
# and a private PostgreSQL server on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
bash scripts/with-postgres.sh ctest --test-dir build --output-on-failure -j 2 "$@"
