"""assets/row-keys.js, run under Node when it is installed: Enter and Space on a row report the grid's
cellClicked (what a mouse click reports), other keys do nothing, and odd params never throw."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROW_KEYS_JS = Path(__file__).resolve().parents[4] / "chuangye" / "web" / "assets" / "row-keys.js"
NODE = shutil.which("node")

SCRIPT = """
global.window = {};
require(process.argv[1]);
const rowKey = window.dashAgGridFunctions.chuangyeRowKey;
const listeners = [];
const api = {addEventListener: (name) => listeners.push(name), removeEventListener: () => {}};
function press(event) {
    const sent = [];
    let prevented = false;
    const params = {
        event: Object.assign({preventDefault: () => { prevented = true; }}, event),
        node: {id: '320104'}, value: '秦淮区', rowIndex: 1, api: api,
        column: {getColId: () => 'region_name'},
    };
    rowKey(params, (props) => sent.push(props));
    return {sent: sent.flatMap((p) => Object.keys(p).map((k) => [k, p[k].rowId, p[k].colId, p[k].value])), prevented};
}
const out = {
    enter: press({key: 'Enter'}),
    space: press({key: ' '}),
    letter: press({key: 'a'}),
    tab: press({key: 'Tab'}),
    held: press({key: 'Enter', repeat: true}),
    ctrl: press({key: 'Enter', ctrlKey: true}),
    listeners: listeners,
};
let threw = 0;
for (const params of [undefined, null, {}, {event: {key: 'Enter'}}, {event: {key: 'Enter'}, node: {}}]) {
    try { rowKey(params, () => { throw new Error('setGridProps broke'); }); } catch (e) { threw += 1; }
}
out.threw = threw;
console.log(JSON.stringify(out));
"""


@pytest.mark.skipif(NODE is None, reason="Node.js is not installed")
def test_enter_and_space_report_a_click_on_the_row():
    result = subprocess.run(
        [NODE, "-e", SCRIPT, str(ROW_KEYS_JS)], capture_output=True, text=True, check=True, timeout=30
    )
    answer = json.loads(result.stdout)
    click = [["cellClicked", "320104", "region_name", "秦淮区"]]
    assert answer["enter"] == {"sent": click, "prevented": True}
    assert answer["space"] == {"sent": click, "prevented": True}  # and the page does not scroll
    for other in ("letter", "tab", "held", "ctrl"):
        assert answer[other] == {"sent": [], "prevented": False}, other
    assert answer["listeners"] == ["rowDataUpdated", "rowDataUpdated"]  # the focus follows the drill
    assert answer["threw"] == 0
