/* The plotly toolbar (modebar) out of the tab order.
 *
 * Every modebar button is a <button>: eight tab stops per chart, on a page of nine charts, all of them
 * invisible until the mouse is over the chart. Keyboard users export a chart through its 下载 menu (one
 * stop, chuangye/web/components.py); zoom and pan are pointer gestures. Plotly redraws the toolbar when a
 * figure changes, so new buttons are taken out of the order as they appear. Never throws.
 */
(function () {
    'use strict';

    function untab() {
        document.querySelectorAll('.modebar-btn:not([tabindex="-1"])').forEach(function (button) {
            button.setAttribute('tabindex', '-1');
        });
    }

    var pending = false;
    function schedule() {
        if (pending) { return; }
        pending = true;
        // before the next paint: a button never gets a turn in the tab order
        window.requestAnimationFrame(function () {
            pending = false;
            try { untab(); } catch (e) { /* never break a page over a toolbar */ }
        });
    }

    function watch() {
        new MutationObserver(function (records) {
            for (var i = 0; i < records.length; i++) {
                if (records[i].addedNodes.length) { schedule(); return; }
            }
        }).observe(document.body, {childList: true, subtree: true});
        schedule();
    }

    if (document.body) { watch(); } else { document.addEventListener('DOMContentLoaded', watch); }
}());
