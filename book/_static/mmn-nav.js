/* Site navigation on every screen: the ☰ (primary sidebar) and contents (secondary sidebar) buttons.
 *
 * pydata-sphinx-theme 0.17 renders its own .primary-toggle/.secondary-toggle in the top navbar, and
 * sphinx-book-theme 1.3 renders another pair in the article header. Both themes attach their click
 * handlers with document.querySelector, i.e. to the first button of each pair, which is the navbar's,
 * hidden by sphinx-book-theme's CSS; the buttons a reader sees and taps have no handler and only show
 * a tooltip (pydata-sphinx-theme#2451, sphinx-book-theme#988/#917). This script forwards a click on
 * any other toggle to the first one, so the themes' own behaviour runs: on a narrow screen the
 * sidebar opens as a modal dialog (Escape, a tap beside it or the close button shut it), on a wide
 * screen ☰ collapses and restores the sidebar (sphinx-book-theme's handler on the first button).
 *
 * It also adds what a phone needs and the themes leave out: a visible "Close" button at the top of
 * each open sidebar dialog (a phone has no Escape key and the dialog may cover the whole width), a
 * following of any link inside the dialog that closes it, and aria-expanded/aria-controls on the
 * visible toggles. Idempotent. Remove it once the pinned themes bind every toggle themselves.
 */
(function () {
  "use strict";
  if (window.mmnNav) return;

  var PAIRS = [
    { toggle: ".primary-toggle", dialog: "pst-primary-sidebar-modal", sidebar: "pst-primary-sidebar", name: "Close the navigation" },
    { toggle: ".secondary-toggle", dialog: "pst-secondary-sidebar-modal", sidebar: "pst-secondary-sidebar", name: "Close the contents of this page" },
  ];

  function addCloseButton(dialog, name) {
    if (dialog.querySelector(".mmn-nav-close")) return;
    var btn = document.createElement("button");
    btn.type = "button";
    btn.className = "mmn-nav-close";
    btn.setAttribute("aria-label", name);
    btn.innerHTML = '<span aria-hidden="true">×</span> Close';
    btn.addEventListener("click", function () { dialog.close(); });
    dialog.insertBefore(btn, dialog.firstChild);
  }

  function wire(pair) {
    var buttons = Array.prototype.slice.call(document.querySelectorAll(pair.toggle));
    var dialog = document.getElementById(pair.dialog);
    var sidebar = document.getElementById(pair.sidebar);
    if (!buttons.length) return;
    var first = buttons[0];
    buttons.forEach(function (b) {
      if (sidebar) b.setAttribute("aria-controls", pair.sidebar);
      if (b === first || b.__mmnNav) return;
      b.__mmnNav = true;
      b.addEventListener("click", function (event) {
        event.preventDefault();
        event.stopPropagation();
        if (document.activeElement !== b && b.focus) b.focus();  // the themes restore focus to it on close
        first.click();
      });
    });
    if (!dialog) return;
    // The close button goes in once the theme has moved the sidebar's nodes into the opened dialog,
    // and is removed on close (the theme moves every node of the dialog back into the sidebar).
    var observer = new MutationObserver(function () {
      if (dialog.open) {
        addCloseButton(dialog, pair.name);
        buttons.forEach(function (b) { b.setAttribute("aria-expanded", "true"); });
      }
    });
    observer.observe(dialog, { attributes: true, attributeFilter: ["open"] });
    dialog.addEventListener("close", function () {
      Array.prototype.forEach.call(document.querySelectorAll("#" + pair.sidebar + " > .mmn-nav-close, #" + pair.dialog + " > .mmn-nav-close"),
        function (el) { el.remove(); });
      buttons.forEach(function (b) { b.setAttribute("aria-expanded", "false"); });
    });
    // Following a link to another place of the same page leaves the dialog open over it: close it.
    dialog.addEventListener("click", function (event) {
      var a = event.target.closest && event.target.closest("a[href]");
      if (a && dialog.open) window.setTimeout(function () { if (dialog.open) dialog.close(); }, 0);
    });
    buttons.forEach(function (b) { b.setAttribute("aria-expanded", "false"); });
  }

  function start() {
    PAIRS.forEach(wire);
  }

  window.mmnNav = { start: start };
  // After the themes' own DOMContentLoaded handlers (they bind the first buttons then).
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
