#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Formats every C++ source with the repository's .clang-format (CI checks with --dry-run -Werror).
set -euo pipefail
cd "$(dirname "$0")/.."
git ls-files --cached --others --exclude-standard '*.hpp' '*.cpp' | xargs clang-format -i
