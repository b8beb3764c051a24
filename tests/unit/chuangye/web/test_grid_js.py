"""assets/grid.js, run under Node when it is installed: what each function writes, and that none throws on
the odd params AG Grid passes while a table is being replaced (no data, no context, undefined params)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

GRID_JS = Path(__file__).resolve().parents[4] / "chuangye" / "web" / "assets" / "grid.js"
NODE = shutil.which("node")

CONTEXT = {
    "names": {"a": "梅园新村街道"},
    "labels": {"state": {"meets": "◐ 达标未认定"}},
    "styles": {"state": {"meets": {"color": "#E69F00"}}},
    "tags": {"zone": "开发区"},
    "rowStyles": {"selected": {"fontWeight": "600"}},
}
CASES = [  # (function, value, row data, extra arguments, expected)
    ("chuangyePercent", 0.8125, {}, [], "81.3%"),
    ("chuangyePercent", -0.0001, {}, [], "0.0%"),
    ("chuangyePercent", None, {}, [], "—"),
    ("chuangyePoints", -3.25, {}, [], "−3.3"),
    ("chuangyePoints", 1.25, {}, [], "+1.3"),
    ("chuangyePoints", 0.04, {}, [], "0.0"),
    ("chuangyeInt", 1234567, {}, [], "1,234,567"),
    ("chuangyeDecimal", 1.25, {}, [], "1.3"),
    ("chuangyeAtLeast", 0.015, {}, [], "≥ 1.5%"),
    ("chuangyePlain", 2019, {}, [], "2019"),
    ("chuangyePlain", None, {}, [], "—"),
    ("chuangyeOutOf", 3, {}, [4], "3/4"),
    ("chuangyeOutOf", 2, {"n_peers": 13}, ["n_peers", " / "], "2 / 13"),
    ("chuangyeLabel", "meets", {}, ["state"], "◐ 达标未认定"),
    ("chuangyeLabel", "other", {}, ["state"], "other"),
    ("chuangyeStyle", "meets", {}, ["state"], {"color": "#E69F00"}),
    ("chuangyeStyle", "other", {}, ["state"], None),
    ("chuangyeTagged", "苏州工业园区", {"zone": True}, ["zone"], "苏州工业园区 (开发区)"),
    ("chuangyeTagged", "相城区", {"zone": False}, ["zone"], "相城区"),
    ("chuangyeLookup", None, {"code": "a"}, ["names", "code"], "梅园新村街道"),
    ("chuangyeLookup", None, {"code": "b"}, ["names", "code"], "b"),
    ("chuangyeRowStyle", None, {"selected": True}, ["selected"], {"fontWeight": "600"}),
    ("chuangyeRowId", None, {"code": "320102"}, [], "320102"),
]
SCRIPT = """
global.window = {};
require(process.argv[1]);
const f = window.dashAgGridFunctions;
const [context, cases] = JSON.parse(process.argv[2]);
const out = cases.map(([name, value, data, extra]) => f[name]({value, data, context}, ...extra));
const odd = [undefined, null, {}, {value: 1}, {value: 'x', data: null, context: null}];
let threw = 0;
for (const name of Object.keys(f)) {
    for (const params of odd) {
        try { f[name](params, 'state', 'code'); } catch (e) { threw += 1; }
    }
}
console.log(JSON.stringify({out, threw}));
"""


@pytest.mark.skipif(NODE is None, reason="Node.js is not installed")
def test_grid_functions_format_and_never_throw():
    cases = [[name, value, data, extra] for name, value, data, extra, _ in CASES]
    result = subprocess.run(
        [NODE, "-e", SCRIPT, str(GRID_JS), json.dumps([CONTEXT, cases], ensure_ascii=False)],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    answer = json.loads(result.stdout)
    assert answer["out"] == [expected for *_, expected in CASES]
    assert answer["threw"] == 0
