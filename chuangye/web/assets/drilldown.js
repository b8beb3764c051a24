/* The drill-down map (chuangye/web/pages/drilldown/callbacks.py): fit the view to the drawn regions.
 *
 * The figure carries its regions' bounds in layout.meta.bounds; once plotly and MapLibre have laid the map
 * out, zoom and centre so the regions fill the map (the colour bar lies under it, in the figure's margin).
 * Retries while the map is not ready, and again after the window is resized. Never throws.
 */
(function () {
    'use strict';

    const resizeFits = {};

    function merc(lat) {
        return Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
    }

    // true when done (fitted, or nothing to fit), false while the map is not ready yet
    function fit(graphId) {
        const host = document.getElementById(graphId);
        const gd = host && (host.classList.contains('js-plotly-plot') ? host : host.querySelector('.js-plotly-plot'));
        if (!gd || !gd._fullLayout) { return false; }
        const bounds = gd.layout && gd.layout.meta && gd.layout.meta.bounds;
        if (!bounds || !gd._fullLayout.map) { return true; }
        const sub = gd._fullLayout.map._subplot;
        if (!sub || !sub.map || !sub.map.loaded() || !sub.map.isStyleLoaded()) { return false; }
        const [x0, y0, x1, y1] = bounds;
        const w = gd._fullLayout._size.w;
        const h = gd._fullLayout._size.h;
        const lonSpan = Math.max(x1 - x0, 1e-3);
        const ySpan = Math.max(merc(y1) - merc(y0), 1e-5) * 180 / Math.PI;
        const zoom = Math.min(Math.log2(360 * w / (512 * lonSpan)), Math.log2(360 * h / (512 * ySpan))) - 0.15;
        const yMid = (merc(y0) + merc(y1)) / 2;
        const lat = (2 * Math.atan(Math.exp(yMid)) - Math.PI / 2) * 180 / Math.PI;
        const lon = (x0 + x1) / 2;
        const now = gd._fullLayout.map;
        const moved = Math.abs(now.center.lat - lat) > 1e-4 || Math.abs(now.center.lon - lon) > 1e-4;
        if (moved || Math.abs(now.zoom - zoom) > 0.02) {
            window.Plotly.relayout(gd, {'map.zoom': zoom, 'map.center': {lon: lon, lat: lat}});
        }
        return true;
    }

    function attempt(graphId, n) {
        let done = true;
        try { done = fit(graphId); } catch (e) { done = true; }
        if (!done && n > 0) { setTimeout(() => attempt(graphId, n - 1), 150); }
    }

    function fitMap(figure, graphId) {
        setTimeout(() => attempt(graphId, 20), 50);
        if (!resizeFits[graphId]) {
            resizeFits[graphId] = true;
            let timer = null;
            window.addEventListener('resize', () => {
                clearTimeout(timer);
                timer = setTimeout(() => attempt(graphId, 5), 250);
            });
        }
        return window.dash_clientside.no_update;
    }

    window.dash_clientside = window.dash_clientside || {};
    window.dash_clientside.drilldown = {fitMap: fitMap};
}());
