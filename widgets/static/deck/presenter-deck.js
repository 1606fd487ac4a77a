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
  // The differential explorer's deck page (widgets.differential.deck): a drop-down list per finding stands for
  // the chapter's radio group (hidden, read by differential.js); a case button sets every finding at once.
  function ddxRadio(fieldset, value) {
    var radios = fieldset.querySelectorAll('input[type="radio"]');
    for (var i = 0; i < radios.length; i++) if (radios[i].value === value) return radios[i];
    return null;
  }
  function ddxMark(root, button) {
    root.querySelectorAll('[data-mmn-ddx-preset]').forEach(function (b) {
      b.classList.toggle('mmn-active', b === button);
      b.setAttribute('aria-pressed', b === button ? 'true' : 'false');
    });
  }
  // capture phase: the radio is set before differential.js (listening on the form) reads the findings
  document.addEventListener('change', function (e) {
    var select = e.target;
    if (!select || !select.matches || !select.matches('.mmn-ddx-deck select.mmn-ddx-select')) return;
    var radio = ddxRadio(select.closest('fieldset'), select.value);
    if (radio) radio.checked = true;
    ddxMark(select.closest('.mmn-differential'), null);
  }, true);
  document.addEventListener('click', function (e) {
    var button = e.target && e.target.closest ? e.target.closest('.mmn-ddx-deck [data-mmn-ddx-preset]') : null;
    if (!button) return;
    var root = button.closest('.mmn-differential');
    var findings = JSON.parse(button.getAttribute('data-mmn-ddx-preset'));
    root.querySelectorAll('fieldset[data-finding]').forEach(function (fieldset) {
      var value = findings[fieldset.getAttribute('data-finding')];
      var radio = ddxRadio(fieldset, value);
      if (!radio) return;
      radio.checked = true;
      var select = fieldset.querySelector('select');
      if (select) select.value = value;
    });
    ddxMark(root, button);
    var form = root.querySelector('form');
    if (form) form.dispatchEvent(new Event('change', {bubbles: true}));
  });

  // The class link's QR card (widgets.deck_join): large for the hall, or back in its corner.
  function toggleJoin() {
    var card = document.querySelector('.mmn-presenter .mmn-join');
    if (!card) return false;
    var large = card.classList.toggle('mmn-join-large');
    var button = card.querySelector('.mmn-join-toggle');
    if (button) button.setAttribute('aria-expanded', large ? 'true' : 'false');
    return true;
  }
  document.addEventListener('click', function (e) {
    if (e.target && e.target.closest && e.target.closest('.mmn-join-toggle')) toggleJoin();
  });

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
    if (e.key === 'q' || e.key === 'Q') {
      if (toggleJoin()) e.preventDefault();
      return;
    }
    if (/^[0-9]$/.test(e.key)) {
      var n = e.key === '0' ? 9 : +e.key - 1;
      var buttons = document.querySelectorAll('.mmn-presenter .mmn-preset-button');
      if (buttons[n]) { buttons[n].click(); e.preventDefault(); }
    }
  });
})();
