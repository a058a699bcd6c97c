#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages Basalt needs to build, test and run, if any is missing. Idempotent.
set -euo pipefail

packages=(
    cmake ninja-build g++ ccache pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-websockets-dev qt6-declarative-dev
    qt6-declarative-private-dev
    qt6-svg-dev qt6-tools-dev qt6-l10n-tools qt6-translations-l10n libqscintilla2-qt6-dev
    libqt6sql6-sqlite libqt6sql6-psql libsqlite3-dev libgl-dev libsodium-dev libhttp-parser-dev libgraphviz-dev
    postgresql wrk
    nodejs
)
# npm validates the OpenAPI documents in tests (tests/tools/openapi). A NodeSource nodejs already bundles
# npm and conflicts with Debian's npm package, so ask for the package only when there is no npm at all.
if ! command -v npm >/dev/null 2>&1; then
    packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "error: these packages are missing and I am not root (and there is no sudo): ${missing[*]}" >&2
    echo "       install them with: apt-get install ${missing[*]}" >&2
    exit 1
fi
"${as_root[@]}" apt-get update
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
