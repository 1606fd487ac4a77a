"""Each built page loads only the scripts its content uses (read from the HTML, no browser)."""

from __future__ import annotations

import re

from mmn_book.emg_tables import JS_FILES as EMG_SCRIPTS
from mmn_book.emg_tables import MARKER as EMG_MARKER
from mmn_book.ivig_tables import MARKER as IVIG_MARKER
from mmn_book.model_tables import MARKER as CONDUCTION_MARKER


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
            # the models computed in the page: their scripts only where their explorer is
            "ivig-model.js": IVIG_MARKER in text,
            "conduction-model.js": CONDUCTION_MARKER in text,
            "conduction-table.js": False,  # loaded by the simulator when the reader comes near it
            # (the printable course shows each EMG view in words: mmn_book.print_page leaves its scripts out)
            **{name: EMG_MARKER in text and rel != "print/course.html" for name in EMG_SCRIPTS},
        }
        for script, used in uses.items():
            if (script in head) != used:
                problems.append(f"{rel}: {script} {'missing' if used else 'loaded but unused'}")
    assert problems == []
    search = (site.root / "search.html").read_text()
    assert "searchindex.js" in search and "searchtools.js" in search, "the search page needs the index"
