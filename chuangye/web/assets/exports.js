/* Exports (chuangye/web/downloads/callbacks.py): a chart named, or a table as shown, goes to the server, which returns a file.
 *
 * - chartRequest: the graph's id and the format/preset chosen in its 下载 menu, nothing else: the server
 *   rebuilds the figure for the URL's view with the page's own chart builders and titles it as the page does
 *   (web/pages/<page>/charts.py), so what the browser holds is never rendered on the server.
 * - tableRequest: the AG Grid's displayed columns with their types (the kind of chuangye/web/grid.py, which
 *   gives the workbook's number format) and its rows after filter and sort (valueGetters applied), raw and,
 *   where a column has its own formatter, as the grid formats them.
 * - the plotly toolbar's camera saves <page>-<chart>-<region>-<year>.png, named at click time.
 */
(function () {
    'use strict';

    // the region a URL without one means (RegionTree.root): the shell writes it in data-province
    function province() {
        const shell = document.querySelector('[data-province]');
        return (shell && shell.getAttribute('data-province')) || '';
    }
    // as chuangye/web/downloads/views.py PAGE_ALIASES and chart_name: the page is named once in a file name
    const PAGE_ALIASES = {
        overview: ['overview', 'ov'],
        map: ['map', 'drilldown', 'dd'],
        peers: ['peers'],
        unit: ['unit'],
        certification: ['certification', 'cert'],
    };

    function chartName(page, name) {
        for (const alias of (PAGE_ALIASES[page] || [page])) {
            const rest = name.startsWith(alias + '-') ? name.slice(alias.length + 1) : '';
            if (rest && rest !== page) { return rest; }
        }
        return name;
    }

    function noUpdate() {
        return window.dash_clientside.no_update;
    }

    function clicked() {
        const cc = window.dash_clientside.callback_context;
        if (!cc || !cc.triggered_id || !cc.triggered.length) { return null; }
        if (!cc.triggered.some((t) => t.value)) { return null; } // a button appearing, not a click
        return cc.triggered_id;
    }

    function cardTitle(el) {
        const card = el && el.closest('.card');
        const header = card && card.querySelector('.card-header');
        if (!header) { return ''; }
        const heading = header.querySelector('h1, h2, h3, h4, h5, h6') || header;
        return (heading.textContent || '').trim();
    }

    function dashProps(id) {
        const api = window.dash_component_api;
        const found = api && api.getLayout ? api.getLayout(id) : null;
        return (found && found.props) || {};
    }

    function fileStem(name) {
        const page = (window.location.pathname.split('/').filter(Boolean)[0]) || 'overview';
        const query = new URLSearchParams(window.location.search);
        let subject = query.get('region') || province();
        if (page === 'overview') { subject = province(); } // the overview always shows the province
        if (page === 'unit' && query.get('unit')) { subject = query.get('unit'); }
        const select = document.getElementById('ctl-year');
        const year = query.get('year') || (select && select.value) || '';
        return [page, chartName(page, name || ''), subject, year].filter(Boolean).join('-')
            .replace(/[^0-9A-Za-z_.-]+/g, '_');
    }

    function chartRequest() {
        const trigger = clicked();
        if (!trigger) { return noUpdate(); }
        // the nonce makes a second click on the same item a new request
        return {graph: trigger.graph, fmt: trigger.fmt, preset: trigger.preset, nonce: Date.now()};
    }

    function flatten(defs, out) {
        (defs || []).forEach((d) => {
            if (d && d.children) { flatten(d.children, out); } else if (d) { out.push(d); }
        });
        return out;
    }

    // the column's kind (chuangye/web/grid.py): its AG Grid column type
    function columnType(def) {
        const type = def && def.type;
        if (typeof type === 'string') { return type; }
        return Array.isArray(type) ? type.filter((k) => typeof k === 'string') : null;
    }

    function plain(value) {
        if (value === undefined || value === null) { return null; }
        if (typeof value === 'number') { return Number.isFinite(value) ? value : null; }
        if (typeof value === 'string' || typeof value === 'boolean') { return value; }
        return String(value);
    }

    function tableRequest() {
        const trigger = clicked();
        if (!trigger || !window.dash_ag_grid) { return noUpdate(); }
        let api;
        try { api = window.dash_ag_grid.getApi(trigger.grid); } catch (e) { return noUpdate(); }
        if (!api) { return noUpdate(); }
        const defs = {};
        flatten(dashProps(trigger.grid).columnDefs, []).forEach((d) => {
            const id = d.colId || d.field;
            if (id) { defs[id] = d; }
        });
        const cols = api.getAllDisplayedColumns();
        const columns = cols.map((c) => {
            const def = defs[c.getColId()] || c.getColDef() || {};
            return {
                id: c.getColId(),
                field: def.field || null,
                header: api.getDisplayNameForColumn(c, 'header') || def.headerName || c.getColId(),
                type: columnType(def),
                formatted: Boolean(def.valueFormatter),
            };
        });
        const rows = [];
        const texts = [];
        api.forEachNodeAfterFilterAndSort((node) => {
            if (node.group) { return; }
            rows.push(cols.map((c) => plain(api.getCellValue({rowNode: node, colKey: c}))));
            // the grid's own text where a column's formatter writes it (a kind's formatter only shows a number)
            texts.push(cols.map((c, i) => (columns[i].formatted
                ? plain(api.getCellValue({rowNode: node, colKey: c, useFormatter: true}))
                : null)));
        });
        const el = document.getElementById(trigger.grid);
        return {
            grid: trigger.grid,
            fmt: trigger.fmt,
            title: cardTitle(el),
            columns: columns,
            rows: rows,
            texts: texts,
            nonce: Date.now(),
        };
    }

    // the toolbar's camera, known by its icon (plotly's own): its title is in the page's language
    function isCamera(button) {
        const camera = window.Plotly && window.Plotly.Icons && window.Plotly.Icons.camera;
        const path = button.querySelector('svg path');
        return Boolean(camera && path && path.getAttribute('d') === camera.path);
    }

    // The toolbar's camera: name the file after the view at the moment of the click (capture phase, so
    // before plotly's own handler reads the options).
    document.addEventListener('click', (event) => {
        const button = event.target && event.target.closest ? event.target.closest('.modebar-btn') : null;
        if (!button || !isCamera(button)) { return; }
        const gd = button.closest('.js-plotly-plot');
        const box = gd && gd.closest('[data-export-name]');
        if (!gd || !box || !gd._context) { return; }
        gd._context.toImageButtonOptions = Object.assign({}, gd._context.toImageButtonOptions, {
            filename: fileStem(box.getAttribute('data-export-name')),
        });
    }, true);

    window.dash_clientside = Object.assign({}, window.dash_clientside);
    window.dash_clientside.exports = {chartRequest: chartRequest, tableRequest: tableRequest};
}());
