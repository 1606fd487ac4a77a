/* Chapter slides of the MMN course: fit every slide in the frame, hide answers, build the handout.
 *
 * Runs before Reveal.initialize (scripts/slides.sh, template mmn_slides):
 *  1. unwraps nbconvert's one-slide stacks (<section><section>…</section></section>) into one row of slides;
 *  2. marks exercise answers (MyST dropdowns, span.mmn-slide-answer) as fragments: hidden until revealed;
 *  3. splits slides: a new slide at every H1–H3 that is not a slide's first block, and wherever a slide is
 *     taller than the frame, between blocks (paragraphs, list items, table rows with the header repeated,
 *     outputs), with "(continued)" under the title; speaker notes stay on the slide of their heading;
 *  4. shrinks plotly figures that still do not fit (never below MIN_FIGURE px), and as a last resort zooms the
 *     slide (recorded in data-mmn-zoom, never below MIN_ZOOM);
 *  5. lays each in-page simulator (conduction explorer .mmn-ncs-explorer, IVIg explorer .mmn-ivig) out as a box of
 *     SIM_H px: its controls in a scrolling column on the left, its title, figure (height capped) and verdict on
 *     the right (that column scrolls too when the verdict is long); keys pressed in it stay with its controls;
 *  6. with ?handout in the address: lays the slides out three per A4 page with lines for notes, instead of
 *     starting reveal.js (print it, or `bash scripts/slides.sh --handouts` writes the PDF).
 * document.documentElement.dataset.mmnSlides is "ready" when done (the tests wait for it).
 */
(function () {
  "use strict";
  var FRAME_W = MMN_SLIDES.width, FRAME_H = MMN_SLIDES.height;
  var SLACK = 12;          // px kept free at the bottom: MathJax and font hinting may add a little
  var MIN_FIGURE = 260;    // px: a figure is never shrunk below this
  var MIN_ZOOM = 0.7;
  var HANDOUT = /(^|[?&])handout(=|&|$)/.test(window.location.search);
  var PER_PAGE = 3;
  var SIM_H = 560;         // px: the height of a simulator's box on a slide (with a two-line title, it still fits)
  // per simulator: which of its parts go into the controls column (the rest: the view column) and its figure's height
  var SIMULATORS = [
    {root: ".mmn-ncs-explorer", controls: ".mmn-ncs-row, .mmn-ncs-status, .mmn-ncs-controls, .mmn-ncs-teaching",
     plot: ".mmn-ncs-plot", height: 330},
    {root: ".mmn-ivig", controls: ".mmn-ivig__controls", plot: ".mmn-ivig__plot", height: 380}
  ];

  var CONTAINERS = ["jp-Cell", "jp-Cell-inputWrapper", "jp-InputArea", "jp-RenderedMarkdown", "jp-MarkdownOutput",
                    "jp-Cell-outputWrapper", "jp-OutputArea", "jp-OutputArea-child", "jp-RenderedHTMLCommon",
                    "jp-RenderedHTML", "jp-OutputArea-output", "mmn-slide-quiz__side", "mmn-slide-quiz__data",
                    "mmn-ncs-tables", "mmn-explorable", "mmn-ddx-table-wrap"];

  function isContainer(el) {
    // an answer may be split over two slides: each part stays a fragment (the shell is cloned)
    if (el.classList.contains("mmn-slide-answer-block") && !el.classList.contains("mmn-slide-quiz__answer")) return true;
    if (el.classList.contains("fragment")) return false;
    if (el.tagName === "BLOCKQUOTE") return !el.querySelector(".fragment, .js-plotly-plot");
    if (el.classList.contains("mmn-slide-quiz") || el.classList.contains("mmn-slide-quiz__columns")) return true;
    if (el.tagName !== "DIV" && el.tagName !== "FIGURE") return false;
    if (el.classList.contains("jp-OutputArea-output") && el.querySelector(":scope > .mmn-slide-quiz")) return true;
    if (el.querySelector(".js-plotly-plot, .plotly-graph-div, .mmn-quiz, .fragment")) {
      // keep figures, widgets and fragments whole, but look inside plain cell wrappers
      return CONTAINERS.some(function (c) { return el.classList.contains(c); }) &&
        !el.classList.contains("jp-OutputArea-output");
    }
    return CONTAINERS.some(function (c) { return el.classList.contains(c); });
  }

  /* The blocks of a slide a split may go between, in document order. */
  function units(section) {
    var out = [];
    (function walk(node) {
      Array.prototype.forEach.call(node.children, function (el) {
        if (el.tagName === "ASIDE" || el.tagName === "SCRIPT" || el.tagName === "STYLE") return;
        if (el.classList.contains("mmn-slide-cont")) return;
        if (isContainer(el)) { walk(el); return; }
        if ((el.tagName === "OL" || el.tagName === "UL") && el.children.length > 1 &&
            !el.classList.contains("mmn-slide-quiz__options")) {
          Array.prototype.forEach.call(el.children, function (li) { out.push(li); });
          return;
        }
        if (el.tagName === "TABLE" && el.tBodies.length === 1 && el.tBodies[0].rows.length > 1) {
          out.push(el.tHead || el.tBodies[0].rows[0]);
          Array.prototype.forEach.call(el.tBodies[0].rows, function (tr, i) { if (el.tHead || i) out.push(tr); });
          return;
        }
        if (el.offsetHeight === 0 && !el.textContent.trim()) return;
        out.push(el);
      });
    })(section);
    return out;
  }

  function isHeading(el) { return /^H[1-3]$/.test(el.tagName); }

  function title(section) {
    var cont = section.querySelector(".mmn-slide-cont");
    if (cont) return cont.getAttribute("data-title");
    var h = section.querySelector("h1, h2, h3");
    if (h) return h.textContent.replace(/¶/g, "").trim();
    var q = section.querySelector(".mmn-slide-quiz__title");
    return q ? q.textContent.trim() : "";
  }

  function bottom(el, section) {
    var top = section.getBoundingClientRect().top;
    return el.getBoundingClientRect().bottom - top;
  }

  /* Move everything from `unit` to the end of `section` into a new slide after it; returns the new slide. */
  function splitBefore(section, unit, continued) {
    var range = document.createRange();
    range.setStartBefore(unit);
    range.setEndAfter(section.lastChild);
    var fragment = range.extractContents();
    var next = document.createElement("section");
    next.appendChild(fragment);
    // shells cloned by extractContents: no duplicate ids; a list keeps its numbering; a table its header
    var shell = next.firstElementChild;
    while (shell && shell !== unit && shell.contains(unit)) {
      shell.removeAttribute("id");
      shell = shell.firstElementChild;
    }
    next.querySelectorAll("ol").forEach(function (ol) {
      if (!ol.contains(unit)) return;
      var twin = null;
      section.querySelectorAll("ol").forEach(function (o) { if (o.className === ol.className) twin = o; });
      if (twin) ol.setAttribute("start", String((parseInt(twin.getAttribute("start") || "1", 10)) + twin.children.length));
    });
    next.querySelectorAll("table").forEach(function (table) {
      if (table.tHead || !table.contains(unit) || unit.tagName !== "TR") return;
      var twin = section.querySelectorAll("table");
      twin = twin[twin.length - 1];
      if (twin && twin.tHead) table.insertBefore(twin.tHead.cloneNode(true), table.firstChild);
    });
    next.querySelectorAll("table").forEach(function (table) {  // an emptied table shell left behind
      if (!table.querySelector("td")) table.remove();
    });
    section.querySelectorAll("table, ol, ul").forEach(function (el) {
      if (!el.querySelector("td, li")) el.remove();
    });
    if (continued) {
      // speaker notes belong to the slide of their heading, which stays here
      next.querySelectorAll("aside.notes").forEach(function (aside) { section.appendChild(aside); });
      var name = title(section);
      if (name) {
        var label = document.createElement("p");
        label.className = "mmn-slide-cont";
        label.setAttribute("data-title", name);
        label.textContent = name + " (continued)";
        next.insertBefore(label, next.firstChild);
      }
    }
    section.parentNode.insertBefore(next, section.nextSibling);
    return next;
  }

  function fitFigures(section) {
    var over = section.scrollHeight - (FRAME_H - SLACK);
    if (over <= 0) return;
    var figures = Array.prototype.filter.call(section.querySelectorAll(".js-plotly-plot"), function (gd) {
      return gd.offsetHeight > MIN_FIGURE;
    });
    figures.forEach(function (gd) {
      var share = Math.ceil(over / figures.length) + 2;
      var height = Math.max(MIN_FIGURE, gd.offsetHeight - share);
      var box = gd.style.height === "100%" && gd.parentElement ? gd.parentElement : gd;
      box.style.height = height + "px";
      gd.style.height = height + "px";
      if (window.Plotly) window.Plotly.relayout(gd, {height: height});
    });
  }

  function paginate(slides) {
    var queue = Array.prototype.slice.call(slides.children).filter(function (s) { return s.tagName === "SECTION"; });
    while (queue.length) {
      var section = queue.shift();
      var list = units(section);
      var split = null, continued = false;
      for (var i = 1; i < list.length; i++) {
        if (isHeading(list[i])) { split = i; break; }
      }
      if (split === null && section.scrollHeight > FRAME_H - SLACK && list.length > 1) {
        var limit = FRAME_H - SLACK;
        var k = 1;
        while (k < list.length && bottom(list[k], section) <= limit) k++;
        if (k < list.length) {
          if (k > 1 && isHeading(list[k - 1])) k--;      // never leave a heading alone at the bottom
          if (k > 1 && list[k].tagName === "TR" && !list[k - 1].closest("tbody")) k = Math.max(1, k - 1);
          split = k; continued = true;
        }
      }
      if (split !== null) {
        var next = splitBefore(section, list[split], continued);
        queue.unshift(section, next);  // look at both again
        continue;
      }
      fitFigures(section);
    }
  }

  function zoomToFit(slides) {
    Array.prototype.forEach.call(slides.children, function (section) {
      var h = section.scrollHeight;
      if (h > FRAME_H - SLACK) {
        var zoom = Math.max(MIN_ZOOM, (FRAME_H - SLACK) / h);
        section.style.zoom = zoom.toFixed(3);
        section.setAttribute("data-mmn-zoom", zoom.toFixed(3));
      }
    });
  }

  /* In-page simulators: a fixed box of two columns (controls | figure and verdict), each scrolling inside it. */
  function capFigures() {
    // the explorers redraw with Plotly.react and their own layout height: on a slide, the height the box gives
    var P = window.Plotly;
    if (!P || P.__mmnSlideCap) return;
    var react = P.react;
    P.react = function (gd, data, layout) {
      var el = typeof gd === "string" ? document.getElementById(gd) : gd;
      var cap = el && el.getAttribute ? Number(el.getAttribute("data-mmn-slide-height")) : 0;
      var args = Array.prototype.slice.call(arguments);
      if (cap && layout && typeof layout === "object") args[2] = Object.assign({}, layout, {height: cap});
      return react.apply(this, args);
    };
    P.__mmnSlideCap = true;
  }

  var KEPT_KEYS = ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", " ", "PageUp", "PageDown", "Home", "End"];

  function layoutSimulators(slides) {
    capFigures();
    SIMULATORS.forEach(function (kind) {
      slides.querySelectorAll(kind.root).forEach(function (root) {
        if (root.classList.contains("mmn-sim")) return;
        var controls = document.createElement("div"), view = document.createElement("div");
        controls.className = "mmn-sim__controls";
        view.className = "mmn-sim__view";
        controls.setAttribute("tabindex", "0");
        view.setAttribute("tabindex", "0");
        controls.setAttribute("aria-label", "Simulator controls (scroll for more)");
        view.setAttribute("aria-label", "Simulator figure and verdict");
        Array.prototype.slice.call(root.children).forEach(function (child) {
          (child.matches(kind.controls) ? controls : view).appendChild(child);
        });
        root.appendChild(controls);
        root.appendChild(view);
        root.classList.add("mmn-sim");
        // reveal.js turns pages on arrow keys unless an <input> has the focus: a <select> or a scrolling column
        // of the simulator keeps its keys (click outside it, or Tab out of it, to turn the page again)
        root.addEventListener("keydown", function (event) {
          if (KEPT_KEYS.indexOf(event.key) >= 0 && !event.altKey && !event.ctrlKey && !event.metaKey) event.stopPropagation();
        });
        var gd = root.querySelector(kind.plot);
        if (gd) {
          gd.setAttribute("data-mmn-slide-height", String(kind.height));
          gd.style.minHeight = "0";
          if (window.Plotly && gd.classList.contains("js-plotly-plot")) {
            window.Plotly.relayout(gd, {height: kind.height});
          }
        }
      });
    });
  }

  function unwrap(slides) {
    Array.prototype.slice.call(slides.children).forEach(function (outer) {
      if (outer.tagName !== "SECTION") return;
      var inner = Array.prototype.filter.call(outer.children, function (c) { return c.tagName === "SECTION"; });
      if (!inner.length) return;
      inner.forEach(function (s) { slides.insertBefore(s, outer); });
      outer.remove();
    });
  }

  function markAnswers(root) {
    root.querySelectorAll(".mmn-slide-answer").forEach(function (marker) {
      var quote = marker.closest("blockquote");
      if (quote) { quote.classList.add("fragment", "mmn-slide-answer-block"); return; }
      // an answer with a table: the blocks from the marker's paragraph to the end marker
      var first = marker.parentElement, wrap = document.createElement("div");
      wrap.className = "fragment mmn-slide-answer-block";
      first.parentNode.insertBefore(wrap, first);
      var node = first;
      while (node) {
        var next = node.nextElementSibling;
        if (node.querySelector && node.querySelector(".mmn-slide-answer-end")) { node.remove(); break; }
        wrap.appendChild(node);
        node = next;
      }
    });
  }

  function handout(reveal, slides) {
    var sections = Array.prototype.filter.call(slides.children, function (s) { return s.tagName === "SECTION"; });
    var root = document.createElement("div");
    root.className = "reveal mmn-handout";
    var heading = (sections[0] && sections[0].querySelector("h1")) ? sections[0].querySelector("h1").textContent.replace(/¶/g, "").trim() : document.title;
    var page = null;
    sections.forEach(function (section, i) {
      if (i % PER_PAGE === 0) {
        page = document.createElement("div");
        page.className = "mmn-handout__page";
        var head = document.createElement("p");
        head.className = "mmn-handout__head";
        head.textContent = heading + " · slides " + (i + 1) + "–" + Math.min(i + PER_PAGE, sections.length) +
          " of " + sections.length;
        page.appendChild(head);
        root.appendChild(page);
      }
      var row = document.createElement("div");
      row.className = "mmn-handout__row";
      var thumb = document.createElement("div");
      thumb.className = "mmn-handout__thumb";
      var frame = document.createElement("div");
      frame.className = "mmn-handout__frame";
      section.querySelectorAll("aside.notes").forEach(function (a) { a.remove(); });
      section.querySelectorAll(".fragment").forEach(function (f) { f.classList.add("visible"); });
      frame.appendChild(section);
      thumb.appendChild(frame);
      var number = document.createElement("p");
      number.className = "mmn-handout__number";
      number.textContent = String(i + 1);
      thumb.appendChild(number);
      var lines = document.createElement("div");
      lines.className = "mmn-handout__lines";
      lines.setAttribute("aria-label", "lines for notes");
      for (var l = 0; l < 9; l++) lines.appendChild(document.createElement("div"));
      row.appendChild(thumb);
      row.appendChild(lines);
      page.appendChild(row);
    });
    reveal.parentNode.insertBefore(root, reveal);
    reveal.remove();
    // "print-pdf" switches off reveal.css's own print rules (html:not(.print-pdf) …), which would undo the layout
    document.documentElement.classList.add("mmn-handout-page", "print-pdf");
    document.title = heading + " — handout";
  }

  function start() {
    var reveal = document.querySelector(".reveal");
    var slides = reveal.querySelector(".slides");
    unwrap(slides);
    markAnswers(slides);
    reveal.classList.add("mmn-measure");
    layoutSimulators(slides);
    paginate(slides);
    zoomToFit(slides);
    reveal.classList.remove("mmn-measure");
    if (HANDOUT) {
      handout(reveal, slides);
      document.documentElement.dataset.mmnSlides = "ready";
      return;
    }
    MMN_SLIDES.init().then(function () { document.documentElement.dataset.mmnSlides = "ready"; });
  }

  var fonts = document.fonts && document.fonts.ready ? document.fonts.ready : Promise.resolve();
  fonts.then(function () {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  });
})();
