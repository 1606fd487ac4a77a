/* Keyboard and print support for every plotly figure of the MMN course book.
 *
 * plotly draws its sliders and dropdown/button menus (layout.sliders,
 * layout.updatemenus) in SVG: they cannot be reached with Tab or operated with
 * the keyboard, and a screen reader does not announce them. For every figure
 * on the page that has them, this script adds native, labelled proxies right
 * after the figure:
 *
 *   - one <input type="range"> per slider (ArrowLeft/ArrowRight, Home/End),
 *     announcing the step's label as its value;
 *   - one <select> per menu with several buttons, one <button> per
 *     single-button menu (e.g. "Play").
 *
 * A proxy runs exactly the step's or button's own `method`/`args` (the same
 * call plotly makes when the SVG control is clicked), then stores the new
 * `active` index in the layout so the SVG control moves too; moving the SVG
 * control with the mouse updates the proxy. The proxies are visually hidden
 * until one of them has keyboard focus (then they appear under the figure).
 *
 * Small screens: a title, annotation or x-axis title wider than the figure
 * is shrunk a little or, if that is not enough, wrapped onto more lines, so it
 * is not cut off at the edge (a wrapped title gets a taller top margin, an axis
 * title is shrunk before it is wrapped, a vertical axis title is shrunk to its
 * axis's height); on a wider screen it gets its text and size back. A figure
 * may also carry its own phone layout (layout.meta.mmnNarrow, see narrowLayout).
 *
 * Names: a figure without an accessible name gets role="figure" and its
 * plotly title as aria-label.
 *
 * Print: figures wider than PRINT_WIDTH_PX are narrowed while the page is
 * printed (and restored afterwards), so no figure is cut at the paper's edge;
 * course.css hides the interactive-only controls in print.
 *
 * Labels: a slider proxy is named after the slider's `currentvalue.prefix`
 * (or its `name`), a menu proxy after the menu's `name`, each followed by the
 * figure's title. Give sliders a prefix and menus a `name` for good labels.
 *
 * Idempotent and safe to load more than once; needs window.Plotly only when a
 * figure exists.
 *
 * Kept in parts: the files named on the `// @parts` line below, beside this frame, in order;
 * widgets.assets.bundle joins them into the one script a page loads (mmn_book.page_assets).
 */
(function () {
  "use strict";
  if (window.mmnPlotlyA11y) {
    window.mmnPlotlyA11y.scan();
    return;
  }

  // @parts controls.js fit-texts.js narrow-layout.js thin-ticks.js fit-to-content.js enhance.js print.js start.js
})();
