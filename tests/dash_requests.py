"""Dash callback requests as the renderer sends them, built from an app's callback map: for tests that drive
every callback (``tests/integration/test_scope_paths.py``) or one callback many times
(``tests/integration/test_version_flip.py``)."""

from __future__ import annotations

import json

UPDATE = "/_dash-update-component"


def dependency_key(dep: dict) -> str:
    dep_id = dep["id"]
    return f"{dep_id if isinstance(dep_id, str) else json.dumps(dep_id, sort_keys=True)}.{dep['property']}"


def server_callbacks(app) -> dict[str, str]:
    """Callback id → a readable name (function and first output): every server callback of the app."""
    found = {}
    for key, entry in app.callback_map.items():
        function = entry.get("callback")
        if function is None:  # clientside: runs in the browser, never asks the server
            continue
        outputs = entry["output"] if isinstance(entry["output"], list | tuple) else [entry["output"]]
        first = outputs[0].component_id
        first = first if isinstance(first, str) else first.get("type")
        found[key] = f"{function.__name__}:{first}"
    return found


def payload(app, callback_id: str, values: dict, changed: list[str], concrete: dict | None = None) -> dict:
    """The body the renderer POSTs; ``concrete`` fills a pattern-matching id's wildcards."""
    entry = app.callback_map[callback_id]
    outputs = entry["output"] if isinstance(entry["output"], list | tuple) else [entry["output"]]

    def real(dep_id):
        if isinstance(dep_id, str) and dep_id.startswith("{"):
            dep_id = json.loads(dep_id)
        if isinstance(dep_id, dict):
            return {k: (concrete or {}).get(k, v) for k, v in dep_id.items()}
        return dep_id

    out = [{"id": real(o.component_id), "property": o.component_property} for o in outputs]
    deps = {
        group: [
            {"id": real(d["id"]), "property": d["property"], "value": values.get(dependency_key(d))}
            for d in entry[group]
        ]
        for group in ("inputs", "state")
    }
    return {
        "output": callback_id,
        "outputs": out if isinstance(entry["output"], list | tuple) else out[0],
        **deps,
        "changedPropIds": changed,
    }
