/* Reading the book: one caption per figure, and search that works over http and from disk.
 *
 * Captions. An explorable figure carries its text alternative twice: as the <figure>'s aria-label
 * (what a screen reader announces) and as a visible grey <figcaption class="mmn-alt">. Where the
 * chapter already captions the figure in its own words (an italic "Figure: ..." paragraph after it),
 * the grey caption is a second, longer caption of the same figure: it is moved out of sight
 * (class mmn-alt--sr, still read by screen readers). A figure without a chapter caption keeps it.
 *
 * Search (Sphinx's searchtools.js, on search.html):
 * - previews are cut from the result page's text without its forms, quizzes, explorers, figure
 *   controls and contents lists (they gave previews like "not asked or seen absent present");
 * - a page whose title holds every word of the query ranks above pages that only mention them (and above a glossary entry of the same words: the glossary links to the chapter);
 * - opened from disk (file://), the browser refuses to read the result pages, so the previews
 *   cannot be made: the results are listed without them, with a note saying why, and no failed
 *   request is made.
 */
(function () {
  "use strict";
  if (window.mmnReading) return;

  // ---- captions ---------------------------------------------------------------------------------
  var CAPTION = /^\s*(Figure|Fig\.)\s*\d*\s*[:.]/i;

  function chapterCaption(figure) {
    var block = figure.closest(".cell") || figure.closest(".cell_output") || figure;
    for (var el = block.nextElementSibling, k = 0; el && k < 2; el = el.nextElementSibling, k++) {
      if (CAPTION.test(el.textContent || "")) return el;
      if (el.matches && el.matches(".cell")) break;
    }
    return null;
  }

  function captions() {
    Array.prototype.forEach.call(document.querySelectorAll("figure.mmn-explorable > figcaption.mmn-alt"), function (cap) {
      if (chapterCaption(cap.parentElement)) cap.classList.add("mmn-alt--sr");
    });
  }

  // ---- search -----------------------------------------------------------------------------------
  var NOISE = [
    "form", "select", "option", "button", "input", "label", "nav", "figure", "figcaption",
    ".mmn-quiz", ".mmn-quiz-progress", ".mmn-differential", ".mmn-kbd-controls", ".js-plotly-plot",
    ".plotly-graph-div", ".toctree-wrapper", ".bd-toc", ".cell_input", ".mmn-skip-link",
  ].join(",");
  var fromDisk = window.location.protocol === "file:";

  function clean(html) {
    try {
      var doc = new DOMParser().parseFromString(html, "text/html");
      Array.prototype.forEach.call(doc.querySelectorAll(NOISE), function (el) { el.remove(); });
      return "<!DOCTYPE html>" + doc.documentElement.outerHTML;
    } catch {
      return html;
    }
  }

  function query() {
    try { return (new URLSearchParams(window.location.search).get("q") || "").toLowerCase().trim(); } catch { return ""; }
  }

  function searchPage() {
    /* global Search, Scorer */
    if (typeof Search === "undefined" || !Search || typeof Search.htmlToText !== "function") return;
    if (!Search.__mmnClean) {
      var original = Search.htmlToText;
      Search.htmlToText = function (html, anchor) { return original.call(Search, clean(html), anchor); };
      Search.__mmnClean = true;
    }
    if (typeof Scorer !== "undefined" && Scorer && !Scorer.__mmn) {
      Scorer.__mmn = true;
      var own = Scorer.score;
      Scorer.score = function (result) {
        var score = own ? own(result) : result[4];
        var words = query().split(/\s+/).filter(function (w) { return w.length > 2; });
        var pageTitle = String(result[1] || "").split(" > ")[0].toLowerCase();
        if (words.length && words.every(function (w) { return pageTitle.indexOf(w) >= 0; })) score += 200;
        return score;
      };
    }
    if (fromDisk) {
      var realFetch = window.fetch;
      window.fetch = function (resource) {
        var url = typeof resource === "string" ? resource : resource && resource.url;
        var abs = url ? new URL(url, window.location.href) : null;
        if (abs && abs.protocol === "file:") return Promise.resolve(new Response("", { status: 200 }));
        return realFetch.apply(this, arguments);
      };
      var where = document.getElementById("search-results") || document.querySelector("[role=main]");
      if (where && !document.querySelector(".mmn-search-note")) {
        var note = document.createElement("p");
        note.className = "mmn-search-note";
        note.setAttribute("role", "note");
        note.textContent = "This copy of the book was opened from a folder on your computer: the results below "
          + "are listed without previews of the text around your words (the browser does not let a page read "
          + "other files from disk). Open a result to read it.";
        where.parentNode.insertBefore(note, where);
      }
    }
  }

  // ---- wide tables ------------------------------------------------------------------------------
  // On a phone a wide table (or the theme's container around it) scrolls sideways. A keyboard user
  // must be able to scroll it too (axe: scrollable-region-focusable): an element that overflows and
  // scrolls becomes a focusable, named region; one that fits stays out of the tab order.
  function scrolls(el) {
    var x = window.getComputedStyle(el).overflowX;
    return (x === "auto" || x === "scroll") && el.scrollWidth > el.clientWidth + 1;
  }

  function scrollableTables() {
    var seen = document.querySelectorAll(".pst-scrollable-table-container, table");
    Array.prototype.forEach.call(seen, function (box) {
      if (box.closest(".js-plotly-plot")) return;
      var marked = box.getAttribute("data-mmn-scroll") === "1";
      if (scrolls(box)) {
        if (marked || box.getAttribute("tabindex") !== null) return;
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-mmn-scroll", "1");
        if (box.tagName !== "TABLE") box.setAttribute("role", "region");
        var caption = box.querySelector("caption");
        var name = caption ? (caption.textContent || "").trim() : "";
        box.setAttribute("aria-label", name ? "Table: " + name.slice(0, 80) : "Table (scrolls sideways)");
        if (!box.__mmnKeys) {
          // The arrow keys scroll the table; they must not reach the page's previous/next-chapter keys.
          box.__mmnKeys = true;
          box.addEventListener("keydown", function (e) {
            if (e.target === box && (e.key === "ArrowLeft" || e.key === "ArrowRight")) e.stopPropagation();
          });
        }
      } else if (marked) {
        ["tabindex", "data-mmn-scroll", "role", "aria-label"].forEach(function (a) { box.removeAttribute(a); });
      }
    });
  }

  function start() {
    captions();
    searchPage();
    scrollableTables();
    // Explorers write their tables after loading and on every change: look again, at most every 300 ms.
    var pending = false;
    function later() {
      if (pending) return;
      pending = true;
      window.setTimeout(function () { pending = false; scrollableTables(); }, 300);
    }
    window.addEventListener("resize", later);
    window.addEventListener("load", later);
    if (window.MutationObserver) {
      new MutationObserver(function (records) {
        for (var i = 0; i < records.length; i++) {
          var t = records[i].target;
          if (t.nodeType === 1 && !t.closest(".js-plotly-plot")) { later(); return; }
        }
      }).observe(document.body, { childList: true, subtree: true });
    }
  }

  window.mmnReading = { start: start, clean: clean };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
