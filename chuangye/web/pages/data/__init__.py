"""The admin's 数据管理 / Data page (issue 10): upload files, read the validation report (and download it as XLSX),
see what the import would change, import as a new version, list the versions and roll back to one."""
