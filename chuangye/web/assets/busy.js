/* Loading feedback (chuangye/web/busy.py): a region whose figures are being redrawn says so.
 *
 * A region is an element with the class ``busy-region`` (a card, a chart, a map, a table, a heading). It is
 * busy (aria-busy="true"; assets/30-busy.css dims it in place and draws a spinner) while a Dash callback that
 * writes into it is pending, from the moment the callback is requested until its answer is on the page; and
 * every region of the page is busy while a callback that rewrites the URL is pending (a control, a drill, a
 * row click; not the controls following a URL): from then until the page's own callbacks start, all of it
 * shows the old view.
 *
 * Pending callbacks come from the Dash renderer's store (``window.store``, the one dash.testing reads too):
 * the renderer removes a finished callback and adds the callbacks its answer triggers in the same update, so
 * there is no moment between the two hops when old figures pass for new ones. A region stops being busy one
 * frame after its callback is done, once React has drawn the answer. Never throws.
 */
(function () {
    'use strict';

    var PAGE = 'page-content';   // chuangye/web/shell/ids.py PAGE_CONTENT: where the regions live
    var URL_ID = 'url';          // chuangye/web/shell/ids.py URL: a callback writing it changes the whole view
    var REGION = '.busy-region';
    var BUSY = 'aria-busy';

    // "..a.children...b.figure.." or "a.children" -> ["a", "b"]; wildcard ids ({"graph": ["ALL"]}) are left out:
    // they are the export menus' requests, not redraws
    function outputIds(output) {
        var ids = [];
        String(output || '').replace(/^\.\./, '').replace(/\.\.$/, '').split('...').forEach(function (part) {
            var id = part.slice(0, part.lastIndexOf('.'));
            if (id && id.indexOf('["') < 0) { ids.push(id); }
        });
        return ids;
    }

    // a callback that the URL itself triggered (the controls following a new URL) does not change the view
    function followsUrl(cb) {
        return Object.keys((cb && cb.changedPropIds) || {}).some(function (prop) {
            return prop.indexOf(URL_ID + '.') === 0;
        });
    }

    function pendingOutputs(state) {
        var lists = (state && state.callbacks) || {};
        var ids = {};
        Object.keys(lists).forEach(function (key) {
            if (key === 'stored' || !Array.isArray(lists[key])) { return; }
            lists[key].forEach(function (cb) {
                outputIds(cb && cb.callback && cb.callback.output).forEach(function (id) {
                    if (id !== URL_ID || !followsUrl(cb)) { ids[id] = true; }
                });
            });
        });
        return ids;
    }

    function busyRegions(ids) {
        var busy = new Set();
        var page = document.getElementById(PAGE);
        if (!page) { return busy; }
        if (ids[URL_ID]) {
            page.querySelectorAll(REGION).forEach(function (el) { busy.add(el); });
            return busy;
        }
        Object.keys(ids).forEach(function (id) {
            var el = document.getElementById(id);
            if (!el || !page.contains(el) && !el.contains(page)) { return; }
            var around = el.closest(REGION);
            if (around) { busy.add(around); }
            el.querySelectorAll(REGION).forEach(function (inner) { busy.add(inner); });
        });
        return busy;
    }

    var pending = {};
    var frame = null;

    function mark() {
        var busy = busyRegions(pending);
        document.querySelectorAll(REGION).forEach(function (el) {
            var now = busy.has(el);
            if ((el.getAttribute(BUSY) === 'true') !== now) { el.setAttribute(BUSY, now ? 'true' : 'false'); }
        });
        return busy.size > 0;
    }

    // while anything is pending, look again every frame: a new page's regions appear after the store update
    function loop() {
        frame = null;
        var stillBusy = false;
        try { stillBusy = mark(); } catch (e) { /* never break the page */ }
        if (stillBusy || Object.keys(pending).length) { frame = window.requestAnimationFrame(loop); }
    }

    function onStore(store) {
        try {
            pending = pendingOutputs(store.getState());
            // becoming busy at once (no frame where a change of view shows the old figures as current);
            // becoming idle on the next frame, after React has drawn the answer
            var busy = busyRegions(pending);
            busy.forEach(function (el) { if (el.getAttribute(BUSY) !== 'true') { el.setAttribute(BUSY, 'true'); } });
            if (frame === null) { frame = window.requestAnimationFrame(loop); }
        } catch (e) {
            /* never break the page */
        }
    }

    function attach() {
        var store = window.store;
        if (!store || typeof store.subscribe !== 'function') { return false; }
        store.subscribe(function () { onStore(store); });
        onStore(store);
        return true;
    }

    if (!attach()) {
        var timer = window.setInterval(function () { if (attach()) { window.clearInterval(timer); } }, 50);
    }
}());
