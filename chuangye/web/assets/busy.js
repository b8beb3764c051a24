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
 * there is no moment between the two hops when old figures pass for new ones. A region stops being busy once
 * its callback is done and the answer is drawn: a graph or a grid draws in effects after React's commit and
 * over several frames, so the region waits until nothing inside it has changed for a few frames (counted in
 * frames, not milliseconds: a loaded machine draws fewer of them). Never throws.
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
    // regions whose callbacks are done, waiting for the answer to be drawn: region -> {frames, quiet, changed}
    var settling = new Map();
    var MIN_FRAMES = 4;    // React draws html at once, but a graph or a grid draws in effects after a paint
    var QUIET_FRAMES = 3;  // ... and then over a few frames: done when nothing inside moved for this many
    var MAX_FRAMES = 180;  // an answer that changed nothing inside draws nothing: give up waiting after this

    function setBusy(el, now) {
        if ((el.getAttribute(BUSY) === 'true') !== now) { el.setAttribute(BUSY, now ? 'true' : 'false'); }
    }

    // a region being drawn into is not quiet yet
    function noteChanges(records) {
        records.forEach(function (record) {
            var node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
            var region = node && node.closest && node.closest(REGION);
            var state = region && settling.get(region);
            if (state) { state.changed = true; }
        });
    }

    function mark() {
        var busy = busyRegions(pending);
        document.querySelectorAll(REGION).forEach(function (el) {
            if (busy.has(el)) {
                settling.delete(el);
                setBusy(el, true);
            } else if (el.getAttribute(BUSY) === 'true') {
                var state = settling.get(el);
                if (!state) {
                    settling.set(el, {frames: 0, quiet: 0, changed: false});
                    return;
                }
                state.frames += 1;
                state.quiet = state.changed ? 0 : state.quiet + 1;
                state.changed = false;
                if ((state.frames >= MIN_FRAMES && state.quiet >= QUIET_FRAMES) || state.frames >= MAX_FRAMES) {
                    settling.delete(el);
                    setBusy(el, false);
                }
            }
        });
        settling.forEach(function (_, el) { if (!el.isConnected) { settling.delete(el); } });
        return busy.size > 0 || settling.size > 0;
    }

    // while anything is pending or settling, look again every frame: a new page's regions appear after the
    // store update, and an answer is drawn over several frames
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
            // becoming idle once the answer is drawn (mark, frame by frame)
            busyRegions(pending).forEach(function (el) {
                settling.delete(el);
                setBusy(el, true);
            });
            if (frame === null) { frame = window.requestAnimationFrame(loop); }
        } catch (e) {
            /* never break the page */
        }
    }

    function attach() {
        var store = window.store;
        if (!store || typeof store.subscribe !== 'function') { return false; }
        new MutationObserver(noteChanges).observe(document.body, {childList: true, subtree: true, characterData: true});
        store.subscribe(function () { onStore(store); });
        onStore(store);
        return true;
    }

    if (!attach()) {
        var timer = window.setInterval(function () { if (attach()) { window.clearInterval(timer); } }, 50);
    }
}());
