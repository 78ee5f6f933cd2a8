#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the Debian 12 packages leadsla needs to build, test and benchmark (chromium: the
# dashboard's browser test renders it headless).
# Idempotent: installs only what is missing; runs apt-get update first when it installs.
# Usage: scripts/install-deps.sh [--ci]
#   --ci  also clang-14 with its sanitizer/libFuzzer runtime, clang-format and clang-tidy (CI's extra jobs)
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config git
    nlohmann-json3-dev libsimdjson-dev libfmt-dev libspdlog-dev libhowardhinnant-date-dev tzdata
    catch2 libcli11-dev libbenchmark-dev python3 python3-jsonschema
    chromium fonts-dejavu-core
)
if [[ "${1:-}" == "--ci" ]]; then
    packages+=(clang-14 libclang-rt-14-dev clang-format clang-tidy-14)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
    sudo_cmd=(sudo)
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
