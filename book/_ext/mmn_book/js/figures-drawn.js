// True once the page's n plotly figures (those of the page source, plotly's own divs; not the plots that an
// in-page simulator draws) have laid out and drawn their traces: a function for page.wait_for_function.
n => Array.from(document.querySelectorAll('.plotly-graph-div.js-plotly-plot'))
    .filter(g => (g._fullData || []).length && g._fullLayout
                 && g.querySelectorAll('.trace, .shapelayer path, .barlayer .point').length).length >= n
