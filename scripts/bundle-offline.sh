#!/usr/bin/env bash
# 制作离线安装包 / Build the offline install bundle:
#
#   bash scripts/bundle-offline.sh DIR     →  DIR/chuangye-offline-<version>.tar.gz
#
# Run it on a machine with access to the package registry and the same OS, CPU architecture and Python minor
# version (3.11, 3.12, …) as the target: the wheelhouse holds compiled wheels for this platform only. The bundle
# holds the project wheel, wheelhouse/ (every runtime dependency, pinned by constraints.txt, and pip itself),
# constraints.txt, install.sh [VENV_DIR] and README.txt; see docs/deployment.md.
#
# PYTHON=...                    the interpreter to build with (default .venv/bin/python, else python3)
# CHUANGYE_WHEELHOUSE_CACHE=DIR a folder of wheels tried first with no index (the tests keep one under
#                               artifacts/); whatever it lacks is fetched from the registry as usual
set -euo pipefail

if [ $# -ne 1 ] || [ "${1:0:1}" = "-" ]; then
  echo "用法 / usage: bash scripts/bundle-offline.sh DIR" >&2
  exit 2
fi
mkdir -p "$1"
OUT="$(cd "$1" && pwd)"
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ -z "${PYTHON:-}" ]; then
  if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "需要 Python 3.11 或更高版本（PYTHON=$PYTHON）/ Python 3.11+ is required (PYTHON=$PYTHON)" >&2
  exit 1
fi
VERSION="$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
PYVER="$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
PLATFORM="$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_platform())')"
PIPVER="$("$PYTHON" -m pip --version | awk '{print $2}')"
NAME="chuangye-offline-$VERSION"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
stage="$work/$NAME"
mkdir -p "$stage/wheelhouse" "$work/src" "$work/dist"

pip_quiet() {
  # (pip's notes about this machine's optional local package mirrors are noise; real errors still show)
  "$PYTHON" -m pip "$@" 2> >(grep -v "is ignored: it is neither" >&2)
}

echo "==> [1/4] 构建项目 wheel / building the project wheel (chuangye-dashboard $VERSION, Python $PYVER, $PLATFORM)"
# From a clean copy of the sources (tracked and new files, not ignored ones): setuptools would otherwise reuse
# ./build/ and a file deleted since the last build could end up in the wheel.
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' f; do [ -f "$f" ] && printf '%s\0' "$f"; done |
    tar --null -T - -cf - | tar -xf - -C "$work/src"
else
  tar --exclude=./.venv --exclude=./build --exclude=./artifacts --exclude=./data --exclude='*.egg-info' \
    -cf - . | tar -xf - -C "$work/src"
fi
pip_quiet wheel -q --no-deps -w "$work/dist" "$work/src"
wheels=("$work/dist/chuangye_dashboard-$VERSION"-*.whl)
wheel="${wheels[0]}"
cp "$wheel" "$stage/"

echo "==> [2/4] 收集依赖 wheel / collecting every dependency wheel (pinned by constraints.txt)"
# pip resolves the project wheel's dependencies against the constraints, for this platform; pip itself goes in
# too so that install.sh installs with the same pip on any target.
wanted=("$wheel" "pip==$PIPVER")
collected=""
if [ -n "${CHUANGYE_WHEELHOUSE_CACHE:-}" ] && [ -d "$CHUANGYE_WHEELHOUSE_CACHE" ]; then
  if "$PYTHON" -m pip wheel -q --no-index --find-links "$CHUANGYE_WHEELHOUSE_CACHE" -c constraints.txt \
    -w "$stage/wheelhouse" "${wanted[@]}" >"$work/cache.log" 2>&1; then
    collected="from $CHUANGYE_WHEELHOUSE_CACHE"
  else
    echo "    (缓存不完整，改从软件源下载 / the cache lacks some wheels: fetching them from the registry)"
  fi
fi
if [ -z "$collected" ]; then
  pip_quiet wheel -q -c constraints.txt -w "$stage/wheelhouse" "${wanted[@]}"
  collected="from the registry"
fi
rm -f "$stage/wheelhouse"/chuangye_dashboard-*.whl # it sits at the top of the bundle
not_wheels="$(find "$stage/wheelhouse" -mindepth 1 ! -name '*.whl')"
if [ -n "$not_wheels" ]; then
  echo "wheelhouse/ 中有非 wheel 文件 / wheelhouse/ holds something that is not a wheel:" >&2
  echo "$not_wheels" >&2
  exit 1
fi
n_wheels="$(find "$stage/wheelhouse" -name '*.whl' | wc -l)"
echo "    $n_wheels wheels, $(du -sh "$stage/wheelhouse" | cut -f1) ($collected)"

echo "==> [3/4] 写入 install.sh、README.txt / writing install.sh and README.txt"
cp constraints.txt LICENSE "$stage/"
cat >"$stage/install.sh" <<EOF
#!/usr/bin/env bash
# 离线安装 chuangye-dashboard $VERSION / offline install, no network needed:
#   bash install.sh [VENV_DIR]      (默认 / default ./venv)
# PYTHON=/path/to/python3.$(echo "$PYVER" | cut -d. -f2) picks the interpreter (default python3).
set -euo pipefail
VERSION="$VERSION"
WHEEL="$(basename "$wheel")"
BUNDLE_PYTHON="$PYVER"   # the wheels in wheelhouse/ are built for this Python and $PLATFORM
EOF
cat >>"$stage/install.sh" <<'EOF'
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="${1:-./venv}"
PYTHON="${PYTHON:-python3}"

die() { echo "错误 / error: $*" >&2; exit 1; }

command -v "$PYTHON" >/dev/null 2>&1 ||
  die "找不到 $PYTHON，请先安装 Python 3.11 或更高版本 / $PYTHON not found: install Python 3.11 or newer first"
pyver="$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
  die "需要 Python 3.11 或更高版本，$PYTHON 是 $pyver / Python 3.11 or newer is required, $PYTHON is $pyver"
[ "$pyver" = "$BUNDLE_PYTHON" ] ||
  die "本安装包是为 Python $BUNDLE_PYTHON 制作的，$PYTHON 是 $pyver；请设置 PYTHON=python$BUNDLE_PYTHON，或在装有 Python $pyver 的联网机器上重新制作安装包 / this bundle was built for Python $BUNDLE_PYTHON and $PYTHON is $pyver: set PYTHON=python$BUNDLE_PYTHON, or build the bundle again on a connected machine with Python $pyver"

existing=""
if [ -x "$VENV/bin/python" ]; then
  existing=1
  echo "==> [1/3] 虚拟环境已存在，在其中重新安装 / the virtual environment exists, installing into it: $VENV"
elif [ -e "$VENV" ] && [ -n "$(ls -A "$VENV" 2>/dev/null)" ]; then
  die "$VENV 已存在但不是虚拟环境，请换一个目录 / $VENV exists and is not a virtual environment: choose another folder"
else
  echo "==> [1/3] 创建虚拟环境 / creating the virtual environment: $VENV"
  if ! "$PYTHON" -m venv "$VENV"; then
    rm -rf "$VENV" # it was absent or empty
    die "无法创建虚拟环境：请用本机的软件源安装 python3-venv（Debian/Ubuntu：apt-get install python3-venv）/ cannot create a virtual environment: install python3-venv from this machine's own repositories (Debian/Ubuntu: apt-get install python3-venv)"
  fi
fi

VENV="$(cd "$VENV" && pwd)"

echo "==> [2/3] 安装 Python 包（不联网，约需一分钟）/ installing the Python packages (no network, about a minute)"
pip_install() {
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-index \
    --find-links "$HERE/wheelhouse" --find-links "$HERE" -c "$HERE/constraints.txt" "$@"
}
pip_install --upgrade pip
pip_install "chuangye-dashboard==$VERSION"
if [ -n "$existing" ]; then # the same version number may be a newer build: replace the project itself
  pip_install --no-deps --force-reinstall "$HERE/$WHEEL"
fi

echo "==> [3/3] 检查 / checking: $VENV/bin/chuangye"
"$VENV/bin/chuangye" --help >/dev/null
echo "完成。启动看板 / done. Start the dashboard with:"
echo "    $VENV/bin/chuangye serve --host 0.0.0.0 --port 8050"
EOF
chmod +x "$stage/install.sh"

cat >"$stage/README.txt" <<EOF
创业型单位建设进度看板 离线安装包 $VERSION
Entrepreneurship-type Units Progress Dashboard, offline bundle $VERSION
(Python $PYVER, $PLATFORM)

== 中文 ==

目标机器需要：
  - Python 3.11 或更高版本，带 venv 模块（Debian/Ubuntu 上即 python3-venv 软件包）。本包中的 wheel
    只适用于 Python $PYVER 和 $PLATFORM；别的版本或架构请在相同环境的联网机器上重新制作。
  - 导出图片、PDF 报告时还需要 Chromium 和 fonts-noto-cjk（中文字体），请从本机自己的软件源安装，
    例如 apt-get install chromium fonts-noto-cjk。看板本身不需要它们。
安装（不需要网络）：
  tar xzf $NAME.tar.gz && cd $NAME
  bash install.sh /opt/chuangye/venv        （省略目录时装到 ./venv）
启动：
  /opt/chuangye/venv/bin/chuangye serve --host 0.0.0.0 --port 8050
  数据目录：--data-dir DIR 或环境变量 CHUANGYE_DATA_DIR（默认为当前目录下的 ./data；首次启动时写入内置示例数据）。
停止：在运行它的终端按 Ctrl+C；作为服务运行时用 systemctl stop chuangye（systemd 单元示例见项目的
  docs/deployment.md）。

== English ==

The target machine needs:
  - Python 3.11 or newer with its venv module (the python3-venv package on Debian/Ubuntu). The wheels in
    this bundle fit Python $PYVER on $PLATFORM only; for another version or architecture build the bundle
    again on a connected machine like the target.
  - For image and PDF exports: Chromium and fonts-noto-cjk (Chinese fonts), from the machine's own
    repositories, e.g. apt-get install chromium fonts-noto-cjk. The dashboard itself runs without them.
Install (no network needed):
  tar xzf $NAME.tar.gz && cd $NAME
  bash install.sh /opt/chuangye/venv        (without a folder it installs into ./venv)
Start:
  /opt/chuangye/venv/bin/chuangye serve --host 0.0.0.0 --port 8050
  Data folder: --data-dir DIR or CHUANGYE_DATA_DIR (default ./data in the current folder; the first start
  writes the bundled sample data there).
Stop: Ctrl+C in its terminal; as a service, systemctl stop chuangye (a systemd unit example is in the
  project's docs/deployment.md).

Contents: $(basename "$wheel"), wheelhouse/ (dependencies and pip), constraints.txt, install.sh, LICENSE (MIT).
EOF

echo "==> [4/4] 打包 / writing $OUT/$NAME.tar.gz"
# wheels are zip files already: fast gzip, same size within a few per cent
tar -C "$work" -cf - "$NAME" | gzip -1 >"$OUT/$NAME.tar.gz.partial"
mv "$OUT/$NAME.tar.gz.partial" "$OUT/$NAME.tar.gz"
echo "$OUT/$NAME.tar.gz ($(du -h "$OUT/$NAME.tar.gz" | cut -f1))"
