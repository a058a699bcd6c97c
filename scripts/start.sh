#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds, and opens Basalt on the bundled e-commerce example, running it (F5).
# With --headless, serves the example with basalt-server instead (http://127.0.0.1:8765/health).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh

example_dir="$PWD/build/example"
example="$example_dir/ecommerce.basalt"
if [ ! -f "$example" ]; then
    # A copy, so the example's database and any edits stay out of the source tree.
    mkdir -p "$example_dir"
    cp resources/templates/ecommerce.basalt "$example"
fi

if [ "${1:-}" = "--headless" ]; then
    shift
    exec build/runtime/server/basalt-server --project "$example" "$@"
fi
exec build/app/basalt --run "$example" "$@"
