#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds and runs the consumer with nothing but pkg-config and the compiler.
# Usage: build.sh PREFIX OUTDIR   (PREFIX: where leadsla was installed)
set -euo pipefail
prefix=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
libdir=$(find "$prefix" -name leadsla.pc -path '*pkgconfig*' -printf '%h\n' | head -n 1)
export PKG_CONFIG_PATH="$libdir${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
mkdir -p "$out"
# shellcheck disable=SC2046  # word splitting of pkg-config output is intended
${CXX:-g++} "$here/../consumer.cpp" -o "$out/consumer_pkg_config" $(pkg-config --cflags --libs leadsla)
"$out/consumer_pkg_config"
