// The lecture deck's keys and layout (widgets.presenter_style documents them): once per page.
(function () {
  if (window.mmnPresenterDeck) return;
  window.mmnPresenterDeck = true;
  function kick() { window.dispatchEvent(new Event('resize')); }
  function fill() {
    var changed = false;
    document.querySelectorAll('.mmn-presenter .mmn-fill-height').forEach(function (el) {
      if (el.offsetParent === null) return;
      var u = (parseFloat(getComputedStyle(el).getPropertyValue('--mmn-scale')) || 1) *
              Math.min(window.innerWidth / 1920, window.innerHeight / 1080);
      var rect = el.getBoundingClientRect();
      var below = parseFloat(el.getAttribute('data-mmn-below') || '0') * u;
      var h = Math.max(200 * u, Math.floor(window.innerHeight - rect.top - window.scrollY - below - 48 * u));
      if (Math.abs((parseFloat(el.style.height) || 0) - h) > 1) { el.style.height = h + 'px'; changed = true; }
    });
    if (changed) requestAnimationFrame(kick);
  }
  var widths = new WeakMap();
  var plots = new WeakSet();
  function later() { fill(); requestAnimationFrame(kick); setTimeout(function () { fill(); kick(); }, 300);
                     setTimeout(function () { fill(); kick(); }, 1500); }
  var ro = new ResizeObserver(function (entries) {
    var changed = false;
    entries.forEach(function (e) {
      var w = Math.round(e.contentRect.width);
      if (widths.get(e.target) !== w) { widths.set(e.target, w); changed = true; }
    });
    if (changed) { fill(); requestAnimationFrame(kick); }
  });
  function watch() {
    var fresh = false;
    document.querySelectorAll('.mmn-presenter').forEach(function (el) {
      if (!widths.has(el)) { widths.set(el, -1); ro.observe(el); fresh = true; }
    });
    document.querySelectorAll('.mmn-presenter .js-plotly-plot').forEach(function (gd) {
      if (!plots.has(gd)) { plots.add(gd); fresh = true; }
    });
    if (fresh) later();
  }
  window.addEventListener('resize', function () { fill(); });
  new MutationObserver(watch).observe(document.body, {childList: true, subtree: true});
  watch();

  function deckLink(arrow) {
    var links = Array.prototype.slice.call(document.querySelectorAll('.jp-RenderedMarkdown a[href]'));
    for (var i = 0; i < links.length; i++) {
      var text = links[i].textContent.trim();
      if (arrow === 'next' ? text.slice(-1) === '\u2192' : text.charAt(0) === '\u2190') return links[i];
    }
    return null;
  }
  window.mmnDeckGo = function (step) {
    var a = deckLink(step > 0 ? 'next' : 'prev');
    if (a) { window.location.href = a.href; return true; }
    return false;
  };
  document.addEventListener('keydown', function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey) return;
    var t = e.target;
    if (t && t.closest && t.closest('input, select, textarea, [contenteditable=""], [contenteditable="true"], ' +
                                    '.noUi-handle, [role="slider"], .widget-dropdown, .widget-text')) return;
    var step = 0;
    if (e.key === 'ArrowRight' || e.key === 'PageDown' || e.key === ' ') step = 1;
    else if (e.key === 'ArrowLeft' || e.key === 'PageUp') step = -1;
    if (step) {
      if (typeof window.mmnDeckStep === 'function' && window.mmnDeckStep(step)) { e.preventDefault(); return; }
      if (window.mmnDeckGo(step)) e.preventDefault();
      return;
    }
    if (/^[0-9]$/.test(e.key)) {
      var n = e.key === '0' ? 9 : +e.key - 1;
      var buttons = document.querySelectorAll('.mmn-presenter .mmn-preset-button');
      if (buttons[n]) { buttons[n].click(); e.preventDefault(); }
    }
  });
})();
