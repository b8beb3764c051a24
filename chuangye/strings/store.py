"""The data store's words: damaged versions, the version served instead, a read-only directory, a full disk,
pinned and pruned versions, and ``chuangye check`` / ``chuangye versions``."""

STORE_STRINGS = {
    # what is wrong with a version (chuangye/data/integrity.py: Damage.kind)
    "store_damage_version_missing": {
        "zh": "版本 {version} 不存在（目录 versions/{version} 缺失）",
        "en": "version {version} does not exist (no directory versions/{version})",
    },
    "store_damage_manifest_missing": {
        "zh": "版本 {version} 缺少清单 {file}",
        "en": "version {version} has no manifest {file}",
    },
    "store_damage_manifest_unreadable": {
        "zh": "版本 {version} 的清单 {file} 无法读取（已损坏）",
        "en": "the manifest {file} of version {version} cannot be read (damaged)",
    },
    "store_damage_file_missing": {
        "zh": "版本 {version} 的文件 {file} 缺失",
        "en": "file {file} of version {version} is missing",
    },
    "store_damage_checksum_mismatch": {
        "zh": "版本 {version} 的文件 {file} 与清单中的校验和（sha256）不符，已损坏",
        "en": "file {file} of version {version} does not match the checksum (sha256) in its manifest: damaged",
    },
    "store_damage_no_active": {
        "zh": "数据目录中有版本，但缺少 {file} 文件，没有指定当前版本",
        "en": "the data directory holds versions but no {file} file names the active one",
    },
    # the same within a sentence that already names the version
    "store_damage_version_missing_short": {"zh": "版本目录不存在", "en": "its directory is missing"},
    "store_damage_manifest_missing_short": {"zh": "缺少清单 {file}", "en": "its manifest {file} is missing"},
    "store_damage_manifest_unreadable_short": {
        "zh": "清单 {file} 无法读取",
        "en": "its manifest {file} cannot be read",
    },
    "store_damage_file_missing_short": {"zh": "文件 {file} 缺失", "en": "file {file} is missing"},
    "store_damage_checksum_mismatch_short": {
        "zh": "文件 {file} 与清单中的校验和（sha256）不符",
        "en": "file {file} does not match the checksum (sha256) in its manifest",
    },
    "store_damage_no_active_short": {"zh": "缺少 {file} 文件", "en": "no {file} file"},
    # errors of the store (chuangye/data/store.py)
    "store_version_damaged": {
        "zh": "数据版本已损坏：{damage}。请运行 chuangye check 查看全部损坏，然后重新导入全部数据或回滚到完好的版本",
        "en": "A data version is damaged: {damage}. Run chuangye check to see all the damage, then import all the "
        "data again or roll back to an intact version",
    },
    "store_no_intact_version": {
        "zh": "当前版本 {active} 已损坏（{damage}），也没有完好的旧版本可用。请重新导入全部五张表",
        "en": "The active version {active} is damaged ({damage}) and no intact older version is left. Import all "
        "five tables again",
    },
    "store_partial_import_over_damage": {
        "zh": "当前版本 {active} 已损坏（{damage}），未给出的表（{missing}）无法从它沿用：请导入全部五张表，"
        "或先回滚到完好的版本；数据未改动",
        "en": "The active version {active} is damaged ({damage}), so the tables not given ({missing}) cannot be "
        "carried over from it: import all five tables, or roll back to an intact version first; nothing changed",
    },
    "store_no_version": {"zh": "没有版本 {version}", "en": "no version {version}"},
    "store_read_only": {
        "zh": "数据目录 {where} 不可写{reason}：查看数据的命令和看板照常工作，"
        "导入、回滚和固定版本须由对该目录有写权限的用户执行；数据未改动",
        "en": "The data directory {where} is not writable{reason}: reading commands and the dashboard work as usual, "
        "but importing, rolling back and pinning need a user who may write there; nothing changed",
    },
    "store_read_only_reason": {"zh": "（{reason}）", "en": " ({reason})"},
    "store_disk_full": {
        "zh": "磁盘空间不足，数据未改动：数据目录 {where} 所在的磁盘只剩 {free}，这次写入需要 {needed}。"
        "请腾出空间（或在配置文件 [store] keep_versions 中少保留几个旧版本）后重试",
        "en": "Not enough disk space; nothing changed: the disk holding the data directory {where} has {free} free "
        "and this write needs {needed}. Free some space (or keep fewer old versions: [store] keep_versions in the "
        "configuration) and try again",
    },
    "store_write_failed": {
        "zh": "无法写入数据目录 {where}（{reason}），数据未改动",
        "en": "Could not write to the data directory {where} ({reason}); nothing changed",
    },
    # the version served instead of a damaged active one (CLI stderr, dashboard notice)
    "store_fallback": {
        "zh": "当前数据版本 {active} 已损坏（{damage}），现显示最近的完好版本 {served}。请管理员运行 chuangye check，"
        "然后重新导入或回滚。",
        "en": "The active data version {active} is damaged ({damage}); showing the newest intact version, {served}, "
        "instead. An administrator should run chuangye check, then import again or roll back.",
    },
    # chuangye versions / chuangye check
    "cli_help_check": {
        "zh": "校验整个数据存储：每个版本的文件与其清单的校验和、ACTIVE 是否指向完好的版本；发现损坏时退出码为 6",
        "en": "verify the whole store: every version's files against its manifest's checksums, and that ACTIVE "
        "names an intact version; exit code 6 on any damage",
    },
    "cli_help_pin": {
        "zh": "固定版本 ID：清理旧版本时始终保留",
        "en": "pin version ID: pruning old versions always keeps it",
    },
    "cli_help_unpin": {
        "zh": "取消固定版本 ID（之后的导入可能按保留数清理它）",
        "en": "unpin version ID (a later import may prune it by the number of versions kept)",
    },
    "cli_versions_pinned_mark": {"zh": "固定", "en": "pinned"},
    "cli_versions_damaged_mark": {"zh": "已损坏", "en": "damaged"},
    "cli_versions_pinned": {
        "zh": "已固定版本 {version}：清理旧版本时始终保留",
        "en": "Pinned version {version}: pruning always keeps it",
    },
    "cli_versions_unpinned": {
        "zh": "已取消固定版本 {version}",
        "en": "Unpinned version {version}",
    },
    "cli_versions_not_pinned": {
        "zh": "版本 {version} 本来就没有固定",
        "en": "Version {version} was not pinned",
    },
    "cli_versions_keep": {
        "zh": "每次导入后保留最近 {keep} 个版本、固定的版本和当前版本（配置 [store] keep_versions）",
        "en": "Each import keeps the newest {keep} versions, the pinned ones and the active one "
        "([store] keep_versions in the configuration)",
    },
    "cli_check_empty": {
        "zh": "数据目录 {where} 中还没有导入数据，没有可校验的内容",
        "en": "No data imported in {where} yet: nothing to verify",
    },
    "cli_check_ok": {
        "zh": "数据存储完好：{count} 个版本的全部文件与清单一致，当前版本 {active}",
        "en": "The store is intact: every file of {count} version(s) matches its manifest; active version {active}",
    },
    "cli_check_damage_found": {
        "zh": "发现 {count} 处损坏（数据目录 {where}）",
        "en": "{count} damaged item(s) found (data directory {where})",
    },
    "cli_check_active_damaged": {
        "zh": "当前版本 {active} 已损坏：看板和查询命令改用最近的完好版本 {served}。"
        "重新导入全部数据或回滚到完好的版本即可恢复",
        "en": "The active version {active} is damaged: the dashboard and reading commands use the newest intact "
        "version, {served}. Import all the data again or roll back to an intact version to recover",
    },
    "cli_check_active_lost": {
        "zh": "当前版本 {active} 已损坏，且没有完好的版本可用：请重新导入全部五张表",
        "en": "The active version {active} is damaged and no intact version is left: import all five tables again",
    },
}
