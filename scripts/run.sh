#!/usr/bin/env bash
# 安装并启动看板（使用内置示例数据） / install and start the dashboard on the bundled sample data.
#   bash scripts/run.sh [chuangye serve options, e.g. --port 8051 --lang en]
# It runs `chuangye serve --no-auth`: one local user, no sign-in, 127.0.0.1 only. A shared server creates an
# admin (`chuangye users add NAME --role admin`) and runs `chuangye serve --host ...` itself (docs/deployment.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
data_dir="${CHUANGYE_DATA_DIR:-data}"
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --data-dir) data_dir="${args[i + 1]:-$data_dir}" ;;
    --data-dir=*) data_dir="${args[i]#--data-dir=}" ;;
  esac
done
echo "==> 启动看板 / starting the dashboard: .venv/bin/chuangye serve --no-auth $*"
if [ ! -f "$data_dir/ACTIVE" ]; then
  echo "    首次启动：先把内置示例数据导入 $data_dir/ / first start: importing the bundled sample data into $data_dir/ first"
fi
echo "    准备好后打印网址（默认 http://127.0.0.1:8050/），按 Ctrl+C 停止 / prints its address when ready" \
  "(default http://127.0.0.1:8050/); Ctrl+C stops it"
exec .venv/bin/chuangye serve --no-auth "$@"
