/* A page whose session has ended (idle timeout, sign-out in another tab, an account disabled) goes to the
 * sign-in page by itself (chuangye/web/auth): the server answers the page's next request to /_dash-* with 401,
 * and this sends the browser to /login?next=<this page>&timeout=1 instead of leaving stale figures on a page
 * that can no longer update. Only the app's own Dash requests are watched; a server without sign-in
 * (chuangye serve --no-auth) never answers 401. Never throws.
 */
(function () {
    'use strict';

    var LOGIN = '/login';  // chuangye/web/auth LOGIN_PATH
    var original = window.fetch;
    if (typeof original !== 'function') { return; }
    var leaving = false;

    function dashRequest(input) {
        try {
            var url = typeof input === 'string' ? input : (input && input.url) || '';
            return new URL(url, window.location.href).pathname.indexOf('/_dash-') !== -1;
        } catch (e) {
            return false;
        }
    }

    function toLogin() {
        if (leaving) { return; }
        leaving = true;
        var here = window.location.pathname + window.location.search;
        window.location.assign(LOGIN + '?next=' + encodeURIComponent(here) + '&timeout=1');
    }

    window.fetch = function (input, init) {
        var answer = original.apply(this, arguments);
        if (!dashRequest(input)) { return answer; }
        return answer.then(function (response) {
            if (response && response.status === 401) { toLogin(); }
            return response;
        });
    };
})();
