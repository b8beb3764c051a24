"""Component ids of the Data page (browser tests select by these values)."""

PAGE = "dp-page"
TITLE = "dp-title"
ADMIN_ONLY = "dp-admin-only"
SUBMISSIONS_LINK = "dp-submissions-link"  # in the notice: where a city, county or province user sends figures
# 1. upload
UPLOAD = "dp-upload"
PROGRESS = "dp-progress"
FILES = "dp-files"
TEMPLATE_TABLE = "dp-template-table"  # the template download: table (or all), region, year, the link
TEMPLATE_REGION = "dp-template-region"
TEMPLATE_YEAR = "dp-template-year"
TEMPLATE_LINK = "dp-template-link"
TEMPLATE_HINT = "dp-template-hint"
SESSION = "dp-session"  # the upload the page works on: its token (server-side files), kept across a language switch
# 2. validation report
REPORT = "dp-report"
REPORT_SUMMARY = "dp-report-summary"
REPORT_TOOLS = "dp-report-tools"  # the report's download and filter: only when there is a problem
REPORT_CHOICE = "dp-report-choice"
REPORT_DOWNLOAD = "dp-report-download"
REPORT_FILE = "dp-report-file"
REPORT_CSV_NOTE = "dp-report-csv-note"
FILTER = "dp-filter"
ERRORS = "dp-errors"
ERRORS_HEADING = "dp-errors-heading"
ERROR_GRID = "dp-error-grid"
WARNINGS = "dp-warnings"
WARNINGS_HEADING = "dp-warnings-heading"
WARNING_GRID = "dp-warning-grid"
SHOWN_NOTE = "dp-shown-note"
# 3. what changes, consent, import
CHANGES = "dp-changes"
CHANGES_AGAINST = "dp-changes-against"
CHANGE_GRID = "dp-change-grid"
COVERAGE = "dp-coverage"  # the coverage before/after: what it covers, or that nothing changes
COVERAGE_BOX = "dp-coverage-box"
COVERAGE_GRID = "dp-coverage-grid"
BOUNDARY_NOTES = "dp-boundary-notes"
CONSENT_BOX = "dp-consent-box"
CONSENT = "dp-consent"
NOTE = "dp-note"  # the version's note, kept in its manifest
IMPORT = "dp-import"
IMPORT_HINT = "dp-import-hint"
RESULT = "dp-result"
# 4. versions, rollback
VERSIONS_REV = "dp-versions-rev"  # bumped after an import or a rollback: the versions list is read again
VERSION_GRID = "dp-version-grid"
ROLLBACK = "dp-rollback"
ROLLBACK_MODAL = "dp-rollback-modal"
ROLLBACK_QUESTION = "dp-rollback-question"
ROLLBACK_CONFIRM = "dp-rollback-confirm"
ROLLBACK_CANCEL = "dp-rollback-cancel"
