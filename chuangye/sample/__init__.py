"""Sample data: the bundled Jiangsu dataset (real division names and codes, synthetic figures) and a synthetic
nationwide dataset for benchmarks. Deterministic: the same seed gives byte-identical files.

    generate_jiangsu(out_dir, seed=2016)      -> regions, units, indicator_inputs, certifications, quotas (.csv)
    generate_national(out_dir, seed=2016, scale=1.0) -> the same five tables plus counties.geojson
"""
