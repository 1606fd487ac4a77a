"""axe-core, the accessibility checker, run on a Playwright page."""

from __future__ import annotations

import pytest

from support.paths import ROOT

AXE = ROOT / "tests" / "_vendor" / "axe" / "axe.min.js"


BLOCKING = ("serious", "critical")


def axe_violations(pg, impacts=BLOCKING, exclude: list[str] | None = None) -> list[str]:
    """axe-core's violations of the given impacts, one line per rule with up to 3 targets."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `python scripts/vendor.py` (scripts/setup.sh does)")
    pg.add_script_tag(path=str(AXE))
    result = pg.evaluate(
        """async (exclude) => {
            const context = exclude.length ? {include: [document], exclude: exclude.map(s => [s])} : document;
            const r = await axe.run(context, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 200))}));
        }""",
        exclude or [],
    )
    return [
        f"{v['impact']} {v['id']} ({v['help']}): " + "; ".join(v["targets"][:3])
        for v in result
        if v["impact"] in impacts
    ]
