/* Enter or Space on a focused table row does what a click on the row does (chuangye/web/rows.py).
 *
 * Wired per grid with dash-ag-grid's eventListeners: {"cellKeyDown": ["chuangyeRowKey(params, setGridProps)"]}.
 * The key press is reported as the grid's cellClicked (same row id, column and value), so the page's click
 * callback serves both. Once a keyboard drill has replaced the grid's rows, the focus goes to the first row of
 * the new table, so a keyboard user carries on where they are instead of starting again from the page's top.
 * Never throws.
 */
var dagfuncs = window.dashAgGridFunctions = window.dashAgGridFunctions || {};

(function () {
    'use strict';

    var KEYS = {'Enter': true, ' ': true, 'Spacebar': true};
    var REFOCUS_WITHIN = 10000; // ms: a drill that brings no new rows (a unit selected in place) leaves focus be

    function focusFirstRow(api) {
        var columns = api.getAllDisplayedColumns();
        if (!columns.length || !api.getDisplayedRowCount()) { return; }
        api.ensureIndexVisible(0);
        api.setFocusedCell(0, columns[0]);
    }

    function refocusAfterDrill(api) {
        var since = Date.now();
        var onRows = function () {
            api.removeEventListener('rowDataUpdated', onRows);
            if (Date.now() - since <= REFOCUS_WITHIN) {
                setTimeout(function () {
                    try { focusFirstRow(api); } catch (e) { /* the grid is gone: nothing to focus */ }
                }, 0);
            }
        };
        api.addEventListener('rowDataUpdated', onRows);
    }

    dagfuncs.chuangyeRowKey = function (params, setGridProps) {
        try {
            var event = params && params.event;
            if (!event || !KEYS[event.key] || event.repeat || event.altKey || event.ctrlKey || event.metaKey) {
                return;
            }
            if (!params.node || params.node.id === undefined || params.node.id === null) { return; }
            event.preventDefault(); // Space would scroll the page
            refocusAfterDrill(params.api);
            setGridProps({
                cellClicked: {
                    value: params.value,
                    colId: params.column ? params.column.getColId() : null,
                    rowIndex: params.rowIndex,
                    rowId: params.node.id,
                    timestamp: Date.now()
                }
            });
        } catch (e) {
            /* a broken key handler must not break the grid */
        }
    };
}());
