"""The admin's 审计日志 / Audit log page (issue 9): search the audit trail and export it (CSV, XLSX)."""
