#!/usr/bin/env bash
# 安装并启动看板（使用内置示例数据） / install and start the dashboard on the bundled sample data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/chuangye serve "$@"
