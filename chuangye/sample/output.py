"""Write a table as the dataset's CSV: the schema's columns in order, English headers, UTF-8, stable format."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from chuangye.data.schema import TABLES


def write_table(df: pd.DataFrame, table_name: str, out_dir: Path) -> Path:
    table = TABLES[table_name]
    missing = [c for c in table.column_names if c not in df.columns]
    if missing:
        raise ValueError(f"{table_name}: generator produced no column(s) {missing}")
    out = df[table.column_names].copy()
    for col in table.columns:
        series = out[col.name]
        if col.type == "bool":
            out[col.name] = series.map({True: "true", False: "false"}).astype("string")
        elif col.type == "int":
            out[col.name] = series.astype("Int64")
        elif col.type == "float":
            out[col.name] = series.map(lambda v: "" if pd.isna(v) else f"{v:.6f}").astype("string")
    path = out_dir / f"{table_name}.csv"
    out.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return path
