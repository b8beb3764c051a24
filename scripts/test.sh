#!/usr/bin/env bash
# 安装并运行测试 / install, then run the tests.
#
#   bash scripts/test.sh            全部测试（含浏览器测试）/ everything: unit, integration (CLI, wheel, offline
#                                   bundle, export rendering) and browser tests
#   bash scripts/test.sh --fast     ruff 和无需浏览器、无需子进程的测试（两分钟内）/ ruff and the tests that need
#                                   no browser and no subprocess: pytest -m "not browser and not integration"
#
# Any other argument goes to pytest, e.g. `bash scripts/test.sh --fast -x -k coverage` or `--durations=25`.
set -euo pipefail
cd "$(dirname "$0")/.."

fast=0
args=()
for arg in "$@"; do
  if [ "$arg" = "--fast" ]; then fast=1; else args+=("$arg"); fi
done

bash scripts/setup.sh test
echo "==> ruff check ."
.venv/bin/ruff check .
if ((fast)); then
  echo "==> pytest -m \"not browser and not integration\" (--fast)"
  exec .venv/bin/python -m pytest -m "not browser and not integration" "${args[@]}"
fi
echo "==> pytest (unit, integration, browser)"
exec .venv/bin/python -m pytest "${args[@]}"
