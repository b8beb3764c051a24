#!/usr/bin/env bash
# 安装看板及其测试所需的一切 / Installs what the dashboard and its tests need on a Debian/Ubuntu machine:
# system packages (Chromium, its driver, Noto CJK fonts, python3-venv; with "test" also PostgreSQL, whose
# throw-away clusters the account and audit tests run on) when missing, then the virtualenv .venv with the
# project, pinned by constraints.txt.
#
#   bash scripts/setup.sh [EXTRA]     EXTRA: an optional-dependency group of pyproject.toml, e.g. "test"
#
# Called by run.sh and test.sh; safe to run again: on a machine that has everything it calls no apt-get and,
# while .venv/.installed[-EXTRA] is newer than pyproject.toml and constraints.txt, no pip either.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

extras="${1:-}"
PYTHON="${PYTHON:-python3}"
say() { echo "==> $*"; }
note() { echo "    $*"; }

# ---- 1. system packages
pg_note=""
[ "$extras" = "test" ] && pg_note=", PostgreSQL"
say "[1/3] 检查系统软件包 / checking system packages (Chromium, ChromeDriver, Noto CJK fonts, python3-venv$pg_note)"
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
# (captured first: `fc-list | grep -q` under pipefail fails at random when grep stops reading early)
cjk_fonts="$(fc-list :lang=zh family 2>/dev/null || true)"
[[ "$cjk_fonts" == *"Noto Sans CJK"* ]] || missing+=(fonts-noto-cjk fontconfig)
if [ "$extras" = "test" ]; then
  # tests/postgres.py starts throw-away clusters with initdb and pg_ctl (Debian keeps them off PATH)
  pg_initdb=(/usr/lib/postgresql/*/bin/initdb)
  [ -x "${pg_initdb[0]}" ] || command -v initdb >/dev/null 2>&1 || missing+=(postgresql)
fi
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  missing+=(python3 python3-venv)
elif [ ! -x .venv/bin/python ] && ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  missing+=(python3-venv) # Debian ships venv's ensurepip separately
fi
if ((${#missing[@]})); then
  note "安装 / installing with apt-get: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || {
      echo "缺少 ${missing[*]}，请以 root 身份安装 / missing ${missing[*]}: install them as root" >&2
      exit 1
    }
    SUDO="sudo"
  fi
  note "apt-get update（更新软件包列表 / refreshing the package lists）"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  note "已齐全 / all present"
fi

"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "需要 Python 3.11 或更高版本，$PYTHON 是 $("$PYTHON" -V 2>&1) / Python 3.11+ is required, $PYTHON is $("$PYTHON" -V 2>&1)" >&2
  exit 1
}

# ---- 2. the virtualenv
if [ -x .venv/bin/python ]; then
  say "[2/3] 虚拟环境 .venv 已存在 / the virtualenv .venv is there"
else
  say "[2/3] 创建虚拟环境 .venv / creating the virtualenv .venv ($("$PYTHON" -V 2>&1))"
  "$PYTHON" -m venv .venv
fi

# ---- 3. Python packages
stamp=".venv/.installed${extras:+-$extras}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ constraints.txt -nt "$stamp" ]; then
  say "[3/3] 安装 Python 包（首次需要几分钟）/ installing the Python packages (takes a few minutes the first time):" \
    "pip install -c constraints.txt -e .${extras:+[$extras]}"
  # (pip's notes about this machine's optional local package mirrors are noise; real errors still show)
  .venv/bin/python -m pip install -q --upgrade pip 2> >(grep -v "is ignored: it is neither" >&2)
  .venv/bin/python -m pip install -q -c constraints.txt -e ".${extras:+[$extras]}" \
    2> >(grep -v "is ignored: it is neither" >&2)
  touch "$stamp"
else
  say "[3/3] Python 包已是最新 / the Python packages are up to date ($stamp)"
fi
