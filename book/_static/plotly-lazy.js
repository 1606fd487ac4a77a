/* Draw the figures of a book page in the order the reader meets them.
 *
 * Each figure of a built page is an inline script calling Plotly.newPlot while
 * the page parses; drawn one after the other, a chapter with fifteen figures
 * kept the reader waiting for all of them before the text below the first one
 * appeared. Loaded right after plotly.js, this script lets the figures of the
 * first two screens draw at once and makes the later calls made while the page
 * is still loading wait until their figure is near the viewport (one screen
 * ahead); after the page has loaded, the figures still waiting are
 * drawn one per idle moment, top to bottom, and all of them at once when the
 * page is printed. Calls made after loading (a quiz, a live update) draw at
 * once. The figure's <div> keeps its size while it waits, so nothing moves.
 *
 * A figure that carries a phone layout (layout.meta.mmnNarrow) and is drawn in a narrow box gets it
 * before its first draw.
 *
 * Plotly.newPlot keeps its contract: it returns a promise of the drawn div.
 */
(function () {
  "use strict";
  var P = window.Plotly;
  if (!P || P.__mmnLazy || !("IntersectionObserver" in window)) return;
  var draw = P.newPlot;
  var waiting = [];
  var pastFold = false;

  function drawEntry(entry) {
    if (entry.done) return;
    entry.done = true;
    observer.unobserve(entry.el);
    var i = waiting.indexOf(entry);
    if (i >= 0) waiting.splice(i, 1);
    var result;
    try {
      result = draw.apply(P, entry.args);
    } catch (err) {
      entry.reject(err);
      return;
    }
    Promise.resolve(result).then(entry.resolve, entry.reject);
  }

  var observer = new IntersectionObserver(function (seen) {
    seen.forEach(function (s) {
      if (s.isIntersecting && s.target.__mmnWaiting) drawEntry(s.target.__mmnWaiting);
    });
  }, { rootMargin: "100% 0px 100% 0px" });

  // A figure with a phone layout (layout.meta.mmnNarrow, see plotly-a11y.js) that is drawn in a narrow
  // box gets it before its first draw: the wide layout, drawn first at phone width, collapsed (a
  // slider rail of negative width logged an SVG error). The values it replaces are kept on the
  // element for plotly-a11y.js, which restores them on a wider screen.
  function setPath(obj, path, value) {
    var keys = path.replace(/\[(\d+)\]/g, ".$1").split(".");
    for (var i = 0; i < keys.length - 1; i++) {
      if (obj[keys[i]] == null || typeof obj[keys[i]] !== "object") obj[keys[i]] = /^\d+$/.test(keys[i + 1]) ? [] : {};
      obj = obj[keys[i]];
    }
    obj[keys[keys.length - 1]] = value;
  }

  function getPath(obj, path) {
    return path.replace(/\[(\d+)\]/g, ".$1").split(".").reduce(function (o, k) { return o == null ? undefined : o[k]; }, obj);
  }

  function narrowFirst(el, args) {
    var layout = args[2], spec = layout && layout.meta && layout.meta.mmnNarrow;
    if (!spec || !spec.relayout || !el || !el.getBoundingClientRect) return;
    var width = el.getBoundingClientRect().width;
    if (!width || width >= (spec.maxWidth || 600)) return;
    var wide = {};
    el.__mmnWide = wide;
    Object.keys(spec.relayout).forEach(function (k) {
      var cur = getPath(layout, k);
      wide[k] = spec.restore && k in spec.restore ? spec.restore[k] : cur === undefined ? null : JSON.parse(JSON.stringify(cur));
      setPath(layout, k, JSON.parse(JSON.stringify(spec.relayout[k])));
    });
    var wrapper = el.parentElement;
    if (typeof spec.relayout.height === "number") layout.autosize = true;
    if (typeof spec.relayout.height === "number" && wrapper && wrapper.style && wrapper.style.height) {
      wrapper.style.height = spec.relayout.height + "px";
    }
  }

  P.newPlot = function (target) {
    var el = typeof target === "string" ? document.getElementById(target) : target;
    try { narrowFirst(el, arguments); } catch { /* the wide layout is drawn, plotly-a11y.js narrows it */ }
    if (document.readyState !== "loading" || !el || !el.nodeType || el.__mmnWaiting) {
      return draw.apply(P, arguments);
    }
    // Figures on the first screens draw at once, as before; the first one further down (and so
    // every later one, in document order) waits.
    if (!pastFold) {
      if (el.getBoundingClientRect().top < 2 * (window.innerHeight || 800)) return draw.apply(P, arguments);
      pastFold = true;
    }
    var entry = { el: el, args: Array.prototype.slice.call(arguments), done: false };
    var promise = new Promise(function (resolve, reject) { entry.resolve = resolve; entry.reject = reject; });
    el.__mmnWaiting = entry;
    waiting.push(entry);
    observer.observe(el);
    return promise;
  };

  var idle = window.requestIdleCallback || function (fn) { return window.setTimeout(fn, 16); };

  function drainOne() {
    if (!waiting.length) return;
    drawEntry(waiting[0]);
    if (waiting.length) idle(drainOne, { timeout: 200 });
  }

  function drainAll() {
    while (waiting.length) drawEntry(waiting[0]);
  }

  if (document.readyState === "complete") idle(drainOne, { timeout: 200 });
  else window.addEventListener("load", function () { idle(drainOne, { timeout: 200 }); });
  window.addEventListener("beforeprint", drainAll);
  if (window.matchMedia) {
    var mq = window.matchMedia("print");
    var onChange = function (e) { if (e.matches) drainAll(); };
    if (mq.addEventListener) mq.addEventListener("change", onChange);
    else if (mq.addListener) mq.addListener(onChange);
  }
  P.__mmnLazy = { waiting: waiting, drainAll: drainAll };
})();
