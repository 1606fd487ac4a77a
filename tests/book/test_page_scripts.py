"""Each built page loads only the scripts its content uses (read from the HTML, no browser)."""

from __future__ import annotations

import re


def test_each_page_loads_only_the_scripts_its_content_uses(site):
    problems = []
    for rel in site.pages():
        text = (site.root / rel).read_text()
        head = text.split("</head>", 1)[0]
        uses = {
            "quiz.js": 'class="mmn-quiz"' in text,
            "differential.js": 'class="mmn-differential"' in text,
            "plotly-lazy.js": "Plotly.newPlot(" in text,
            "mathjax/tex-chtml.js": bool(re.search(r'class="math[ "]', text)),
            "sphinx-thebe.js": False,
            "design-tabs.js": 'class="sd-' in text,
            "searchindex.js": False,
        }
        for script, used in uses.items():
            if (script in head) != used:
                problems.append(f"{rel}: {script} {'missing' if used else 'loaded but unused'}")
    assert problems == []
    search = (site.root / "search.html").read_text()
    assert "searchindex.js" in search and "searchtools.js" in search, "the search page needs the index"
