/* AG Grid functions (chuangye/web/grid.py): called by name from columnDefs, e.g.
 * {"valueFormatter": {"function": "chuangyePercent(params)"}}.
 *
 * Every function here returns a value and never throws: a throwing valueGetter or formatter breaks the
 * grid's rendering, and React then re-renders dcc.Location with old props, which bounces the URL.
 * Words come from the page, never from this file: label maps and tags travel in the grid's context
 * (dashGridOptions.context), as the drill-down table sets it.
 *
 *   context.labels[group][value]  what a code reads as (chuangyeLabel)
 *   context.styles[group][value]  a cell style per code (chuangyeStyle)
 *   context.rowStyles[flag]       a row style when row[flag] is true (chuangyeRowStyle, for getRowStyle)
 *   context.tags[flag]            a word appended when row[flag] is true (chuangyeTagged)
 *   context[table][row.code]      a looked-up text, e.g. context.names (chuangyeLookup)
 */
var dagfuncs = window.dashAgGridFunctions = window.dashAgGridFunctions || {};

(function () {
    'use strict';

    var DASH = '\u2014';  // what a missing number shows
    var MINUS = '\u2212'; // d3-format's minus sign, as the grids showed before

    function value(params) {
        return params ? params.value : undefined;
    }

    function missing(v) {
        return v === undefined || v === null || v === '' || (typeof v === 'number' && !isFinite(v));
    }

    function number(v) {
        if (typeof v === 'number') { return v; }
        var n = Number(v);
        return typeof v === 'string' && v.trim() !== '' && isFinite(n) ? n : null;
    }

    function signed(text, negative, plus) {
        if (negative) { return MINUS + text; }
        return plus ? '+' + text : text;
    }

    function safe(format) {
        return function (params) {
            try {
                var v = value(params);
                if (missing(v)) { return DASH; }
                var n = number(v);
                return n === null ? String(v) : format(n, params);
            } catch (e) {
                return '';
            }
        };
    }

    function context(params) {
        return (params && params.context) || {};
    }

    function row(params) {
        return (params && params.data) || {};
    }

    function percent(n, digits) {
        var text = (Math.abs(n) * 100).toFixed(digits);
        return signed(text, n < 0 && Number(text) !== 0, false) + '%';
    }

    // 0.8125 -> 81.3%
    dagfuncs.chuangyePercent = safe(function (n) {
        return percent(n, 1);
    });

    // an indicator's share with the row's own decimals (row.digits, config `digits`): 0.0046 -> 0.46%
    dagfuncs.chuangyeIndicator = safe(function (n, params) {
        var digits = row(params).digits;
        return percent(n, typeof digits === 'number' && digits >= 0 && digits <= 4 ? digits : 1);
    });

    // 1.25 -> +1.3, -3.25 -> −3.3; within ±0.05 of zero plain 0.0 (no sign on "no gap")
    dagfuncs.chuangyePoints = safe(function (n) {
        if (Math.abs(n) < 0.05) { return '0.0'; }
        return signed(Math.abs(n).toFixed(1), n < 0, true);
    });

    // 1234 -> 1,234
    dagfuncs.chuangyeInt = safe(function (n) {
        var text = Math.abs(n).toLocaleString('en-US', {maximumFractionDigits: 12});
        return signed(text, n < 0, false);
    });

    // 1.25 -> 1.3
    dagfuncs.chuangyeDecimal = safe(function (n) {
        var text = Math.abs(n).toFixed(1);
        return signed(text, n < 0 && Number(text) !== 0, false);
    });

    // a threshold: 0.015 -> "≥ 1.5%" (with the row's own decimals, as chuangyeIndicator)
    dagfuncs.chuangyeAtLeast = function (params) {
        var text = dagfuncs.chuangyeIndicator(params);
        return text === DASH || text === '' ? text : '\u2265 ' + text;
    };

    // a plain value, "—" when missing (years, dates)
    dagfuncs.chuangyePlain = function (params) {
        try {
            var v = value(params);
            return missing(v) ? DASH : String(v);
        } catch (e) {
            return '';
        }
    };

    // 3 -> "3/4": total a number, or the name of the row's field holding it; sep defaults to "/"
    dagfuncs.chuangyeOutOf = function (params, total, sep) {
        try {
            var v = value(params);
            if (missing(v)) { return DASH; }
            var of = typeof total === 'string' ? row(params)[total] : total;
            return missing(of) ? String(v) : String(v) + (sep === undefined ? '/' : sep) + String(of);
        } catch (e) {
            return '';
        }
    };

    // a code as words: context.labels[group][code], else the code itself
    dagfuncs.chuangyeLabel = function (params, group) {
        try {
            var v = value(params);
            if (v === undefined || v === null) { return ''; }
            var labels = (context(params).labels || {})[group] || {};
            return Object.prototype.hasOwnProperty.call(labels, v) ? labels[v] : String(v);
        } catch (e) {
            return '';
        }
    };

    // a cell style per code: context.styles[group][code], else none
    dagfuncs.chuangyeStyle = function (params, group) {
        try {
            var styles = (context(params).styles || {})[group] || {};
            var v = value(params);
            return (v !== undefined && v !== null && styles[v]) || null;
        } catch (e) {
            return null;
        }
    };

    // getRowStyle: context.rowStyles[flag] for the rows whose flag is set, else none
    dagfuncs.chuangyeRowStyle = function (params, flag) {
        try {
            var style = (context(params).rowStyles || {})[flag];
            return row(params)[flag] && style ? style : null;
        } catch (e) {
            return null;
        }
    };

    // "<name> (开发区)" when the row's flag is set and the context names its tag
    dagfuncs.chuangyeTagged = function (params, flag) {
        try {
            var v = value(params);
            var text = v === undefined || v === null ? '' : String(v);
            var tag = (context(params).tags || {})[flag];
            return row(params)[flag] && tag ? text + ' (' + tag + ')' : text;
        } catch (e) {
            return '';
        }
    };

    // getRowId: the row's code (every table row has one), so a row click and a Patch address the same row
    dagfuncs.chuangyeRowId = function (params) {
        try {
            var code = row(params).code;
            return code === undefined || code === null ? '' : String(code);
        } catch (e) {
            return '';
        }
    };

    // context[table][row.code]; else the row's fallback field (or '') while a new table replaces the old one
    dagfuncs.chuangyeLookup = function (params, table, fallback) {
        try {
            var data = row(params);
            var found = (context(params)[table] || {})[data.code];
            if (found !== undefined && found !== null) { return found; }
            return fallback && !missing(data[fallback]) ? String(data[fallback]) : '';
        } catch (e) {
            return '';
        }
    };
}());
