/* An open page learns that the data changed under it (chuangye/web/version_watch.py): now and then it asks
 * /_version for the active version and, when that is not the one the page was drawn from, shows the notice
 * the shell holds (hidden) in the page's language, with a button that reloads. The question does not keep a
 * session alive (the server treats it as passive). While the page deliberately shows another stored version
 * (?version=, the shell's banner carries data-as-of) the notice stays hidden: a reload would not bring the
 * active version, and the banner already offers the way back to it. Never throws.
 */
(function () {
    'use strict';

    var PATH = '/_version';
    var NOTICE = 'version-notice';
    var FIRST_WAIT_MS = 5000;  // the shell is drawn by Dash after the page loads
    var AS_OF = '[data-as-of]';  // the banner of a view of another version than the active one

    function language(box) {
        var asked = new URLSearchParams(window.location.search).get('lang') || box.getAttribute('data-lang');
        return asked === 'en' ? 'en' : 'zh';
    }

    function show(box, version) {
        var lang = language(box);
        var text = box.querySelector('.version-notice-text');
        var button = box.querySelector('button');
        if (text) { text.textContent = (box.getAttribute('data-changed-' + lang) || '').replace('{version}', version); }
        if (button) { button.textContent = box.getAttribute('data-reload-' + lang) || button.textContent; }
        box.hidden = false;
    }

    function ask() {
        var box = document.getElementById(NOTICE);
        var every = box ? parseInt(box.getAttribute('data-poll-ms'), 10) || 60000 : FIRST_WAIT_MS;
        if (box && !box.hidden && document.querySelector(AS_OF)) {
            box.hidden = true;  // the user went on to another version: back on the current one, it asks again
        }
        if (box && box.hidden) {
            fetch(PATH, {credentials: 'same-origin', cache: 'no-store', headers: {'Accept': 'application/json'}})
                .then(function (response) { return response.ok ? response.json() : null; })
                .then(function (body) {
                    var changed = body && body.version && body.version !== box.getAttribute('data-version');
                    if (changed && !document.querySelector(AS_OF)) {
                        show(box, body.version);
                    }
                })
                .catch(function () { /* offline for a moment: ask again later */ });
        }
        window.setTimeout(ask, every);
    }

    document.addEventListener('click', function (event) {
        if (event.target && event.target.closest && event.target.closest('#' + NOTICE + ' button')) {
            window.location.reload();
        }
    });
    window.setTimeout(ask, FIRST_WAIT_MS);
})();
