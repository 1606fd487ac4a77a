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

  P.newPlot = function (target) {
    var el = typeof target === "string" ? document.getElementById(target) : target;
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
