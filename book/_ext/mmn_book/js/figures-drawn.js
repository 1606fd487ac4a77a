// True once n plotly figures of the page have laid out and drawn their traces: a function for page.wait_for_function.
n => Array.from(document.querySelectorAll('.js-plotly-plot'))
    .filter(g => (g._fullData || []).length && g._fullLayout
                 && g.querySelectorAll('.trace, .shapelayer path, .barlayer .point').length).length >= n
