/* Plotly's own texts in Chinese: the zh-CN locale that a Chinese page's graphs ask for (graph_config in
 * chuangye/web/components.py sets config.locale = "zh-CN"; an English page asks for en-US, plotly's own).
 *
 * Written here, not fetched (no CDN): the titles of the modebar buttons our charts show (cartesian, map and
 * funnel charts), the notes the camera and the zoom show, and the d3 date/number format. MapLibre (the maps
 * under plotly) names its canvas and attribution button in English: the same words are translated on the
 * graphs that speak zh-CN (chuangye-library-text below).
 *
 * Registered whether plotly.js is loaded yet or not: dcc.Graph loads it on demand, and plotly.js registers
 * what window.PlotlyLocales holds when it starts.
 *
 * tests/unit/chuangye/web/test_plotly_locale.py reads the dictionary between the two markers as JSON.
 */
(function () {
    'use strict';

    var NAME = 'zh-CN';
    // dictionary:begin
    var dictionary = {
        "Autoscale": "自动缩放",
        "Box Select": "矩形选择",
        "Compare data on hover": "悬停时比较数据",
        "Double-click on legend to isolate one trace": "双击图例只显示该系列",
        "Double-click to zoom back out": "双击还原缩放",
        "Download plot": "下载图片",
        "Download plot as a PNG": "下载图片（PNG）",
        "Image download succeeded": "图片已下载",
        "Lasso Select": "套索选择",
        "Pan": "平移",
        "Preparing image - this may take a few seconds": "正在生成图片，请稍候",
        "Produced with Plotly.js": "由 Plotly.js 生成",
        "Reset": "重置",
        "Reset axes": "重置坐标轴",
        "Reset view": "重置视图",
        "Reset views": "重置视图",
        "Show closest data on hover": "悬停时显示最近的数据",
        "Sorry, there was a problem downloading your image!": "抱歉，图片下载失败！",
        "Toggle Spike Lines": "显示或隐藏参考线",
        "Toggle show closest data on hover": "悬停时显示或隐藏最近的数据",
        "Zoom": "缩放",
        "Zoom in": "放大",
        "Zoom out": "缩小",
        "Map": "地图",
        "Toggle attribution": "显示或隐藏地图来源"
    };
    // dictionary:end

    var format = {
        days: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
        shortDays: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
        months: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'],
        shortMonths: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
        periods: ['上午', '下午'],
        dateTime: '%Y年%-m月%-d日 %A %X',
        date: '%Y-%m-%d',
        time: '%H:%M:%S',
        decimal: '.',
        thousands: ',',
        grouping: [3],
        currency: ['¥', ''],
        year: '%Y年',
        month: '%Y年%-m月',
        dayMonth: '%-m月%-d日',
        dayMonthYear: '%Y年%-m月%-d日'
    };

    var locale = {moduleType: 'locale', name: NAME, dictionary: dictionary, format: format};
    if (window.Plotly && typeof window.Plotly.register === 'function') {
        window.Plotly.register(locale);
    } else {
        window.PlotlyLocales = (window.PlotlyLocales || []).concat([locale]);
    }

    // MapLibre's English names on a map drawn for a zh-CN graph: the canvas's and the attribution button's
    var MAPLIBRE = [
        ['.maplibregl-canvas', ['aria-label'], 'Map'],
        ['.maplibregl-ctrl-attrib-button', ['aria-label', 'title'], 'Toggle attribution']
    ];

    function translateMap(gd) {
        if (!gd._context || gd._context.locale !== NAME) { return; }
        MAPLIBRE.forEach(function (entry) {
            gd.querySelectorAll(entry[0]).forEach(function (el) {
                entry[1].forEach(function (attr) {
                    if (el.getAttribute(attr) === entry[2]) { el.setAttribute(attr, dictionary[entry[2]]); }
                });
            });
        });
    }

    function translateAll() {
        document.querySelectorAll('.js-plotly-plot').forEach(function (gd) {
            try { translateMap(gd); } catch (e) { /* never break a page over a label */ }
        });
    }

    var pending = false;
    function schedule() {
        if (pending) { return; }
        pending = true;
        window.requestAnimationFrame(function () { pending = false; translateAll(); });
    }

    function watch() {
        new MutationObserver(function (records) {
            for (var i = 0; i < records.length; i++) {
                if (records[i].addedNodes.length || records[i].type === 'attributes') { schedule(); return; }
            }
        }).observe(document.body, {
            childList: true, subtree: true, attributes: true, attributeFilter: ['aria-label', 'title']
        });
    }

    if (document.body) { watch(); } else { document.addEventListener('DOMContentLoaded', watch); }
}());
