#!/usr/bin/env bash
# The whole test suite: unit and async tests (surefire), then the jar-level tests (failsafe) on the built jar.
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B --no-transfer-progress verify "$@"
