// Load a simulator's data table when the reader comes near it, not with the page (shared by the conduction explorer,
// conduction-explorer.js, and the needle EMG, emg-view.js): a phone reading the chapter pays for a table only if it
// is used. The table is a script (it loads from file:// too), requested once, when an element of the simulator comes
// within 800 px of the screen, takes the focus or is touched, or when the page is printed.
(function () {
  "use strict";
  if (window.MMNLazyTable) return;
  var requested = {};

  /** Add the script ``url`` to the page once; ``onload`` runs when it has run. */
  function load(url, onload) {
    if (requested[url]) return;
    requested[url] = true;
    var s = document.createElement("script");
    s.src = url;
    if (onload) s.onload = onload;
    document.head.appendChild(s);
  }

  /** Load ``url`` (then call ``onload``) when the reader comes near one of the elements ``selector`` finds. */
  function whenNear(selector, url, onload) {
    var roots = document.querySelectorAll(selector);
    if (!roots.length || !url) return;
    var go = function () { load(url, onload); };
    roots.forEach(function (r) {
      r.addEventListener("focusin", go);
      r.addEventListener("pointerdown", go);
    });
    window.addEventListener("beforeprint", go);
    if (!window.IntersectionObserver) { go(); return; }
    var seen = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) { seen.disconnect(); go(); }
    }, { rootMargin: "800px 0px" });
    roots.forEach(function (r) { seen.observe(r); });
  }

  window.MMNLazyTable = { whenNear: whenNear, load: load };
})();
