"""Real servers for the live tests: JupyterLab and the Voila lecture deck on 127.0.0.1, and the page probes.

Imported by ``test_live_lab.py``, ``test_live_voila.py`` and
``benchmarks/bench_live.py``; the tests here check the servers themselves (only
127.0.0.1, a token for JupyterLab, clean shutdown) and that the trace probe
used by the live tests really fails when a key press changes nothing.

* :func:`jupyter_lab` — ``jupyter lab --no-browser`` on a free port of
  127.0.0.1 with a random token, every Jupyter/IPython/JupyterLab state
  directory (config, data, runtime, settings, workspaces) under a temporary
  folder so no user state leaks in or out, news and update checks off;
* :func:`lecture_deck` — the documented command ``bash scripts/present.sh``
  (Voila) on a free port; the URL is read from what the script prints;
* :data:`TRACE_SIGNATURE_JS`, :func:`trace_signature`,
  :func:`press_and_wait_for_redraw` — what a plotly figure in the page shows,
  and a key press on a slider with the time until that changes, measured in
  the page (``performance.now()`` at the key event, then a
  ``requestAnimationFrame`` poll of the figure's ``data``).
"""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from support.live import (
    jupyter_lab,
    lecture_deck,
    listening_addresses,
)
from support.paths import ROOT
from support.poll import within

pytestmark = [pytest.mark.live, pytest.mark.xdist_group("live")]

def test_jupyterlab_listens_on_localhost_only_and_wants_its_token(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    with jupyter_lab(root, tmp_path / "home") as lab:
        assert listening_addresses(lab.port) == {"127.0.0.1"}
        with pytest.raises(urllib.error.HTTPError) as denied:
            urllib.request.urlopen(f"{lab.base_url}/api/contents", timeout=10)
        assert denied.value.code == 403
        with urllib.request.urlopen(lab.url("api/contents"), timeout=10) as ok:
            assert ok.status == 200
        proc = lab.proc
    assert proc.poll() is not None, "JupyterLab still runs after the fixture's teardown"
    assert listening_addresses(lab.port) == set()
    # Everything JupyterLab wrote went under the temporary home, nothing into the served folder.
    assert list(root.iterdir()) == []


def test_present_sh_prints_the_deck_url_and_serves_on_localhost_only(tmp_path):
    with lecture_deck(tmp_path) as deck:
        assert deck.base_url == f"http://127.0.0.1:{deck.port}/"
        assert listening_addresses(deck.port) == {"127.0.0.1"}
        notebooks = sorted(p.name for p in (ROOT / "presenter").glob("*.ipynb"))
        assert notebooks, "presenter/ has no deck notebooks"
        # present.sh prints the list line by line once Voila answers: give the last line time to arrive
        within(lambda: all(deck.url(nb) in deck.stdout.read_text() for nb in notebooks), 10)
        printed = deck.stdout.read_text()
        for nb in notebooks:
            assert deck.url(nb) in printed, f"present.sh does not list {nb}"
        index = urllib.request.urlopen(deck.base_url, timeout=30).read().decode()
        import re

        listed = sorted(re.findall(r'href="/voila/render/([^"]+)"', index))
        assert listed == notebooks, f"the deck's index should list only the deck notebooks, not {listed}"
        assert not re.search(r'(src|href)="(https?:)?//', index), "the deck's index loads something from outside"
        html = urllib.request.urlopen(deck.url(notebooks[0]), timeout=120).read().decode()
        assert not re.search(r'<(link|script)[^>]+(src|href)="(https?:)?//', html), "the deck page loads from a CDN"
        proc = deck.proc
    assert proc.poll() is not None, "present.sh still runs after the fixture's teardown"
    within(lambda: listening_addresses(deck.port) == set(), 10)
    assert listening_addresses(deck.port) == set(), "Voila still listens after present.sh was stopped"
