"""Table rows that navigate: a click, Enter or Space on a row opens what the row names.

    dag.AgGrid(..., eventListeners=ROW_KEYS)  # and the page's callback listens to the grid's cellClicked

Enter and Space on a focused cell are reported as the grid's ``cellClicked`` (assets/row-keys.js), so one
callback serves the mouse and the keyboard. The grid must let its cells take the focus (no
``suppressCellFocus``): that is how a keyboard reaches a row.
"""

from __future__ import annotations

ROW_KEYS: dict[str, list[str]] = {"cellKeyDown": ["chuangyeRowKey(params, setGridProps)"]}

__all__ = ["ROW_KEYS"]
