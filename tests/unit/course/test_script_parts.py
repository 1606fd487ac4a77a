"""Scripts kept in parts (``widgets.assets.bundle``): each part is joined once, and a page gets one whole script.

``quiz.js`` (``widgets/static/quiz/``) and ``plotly-a11y.js`` (``book/_ext/mmn_book/js/plotly-a11y/``) are each a
frame whose ``// @parts`` line names the files beside it; Biome lints the parts, ``node --check`` the joined script.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from mmn_book.page_assets import PLOTLY_A11Y_FRAME

from widgets.assets import BUNDLES, bundle, js_files, read

FRAMES = {**BUNDLES, "plotly-a11y.js": PLOTLY_A11Y_FRAME}


def named_parts(frame) -> list[str]:
    return re.search(r"^\s*// @parts (.+)$", frame.read_text(encoding="utf-8"), re.M).group(1).split()


@pytest.mark.parametrize("name", sorted(FRAMES))
def test_every_file_beside_the_frame_is_named_once(name):
    frame = FRAMES[name]
    parts = named_parts(frame)
    assert len(parts) == len(set(parts)), parts
    assert sorted(parts) == sorted(p.name for p in frame.parent.glob("*.js") if p != frame)


@pytest.mark.parametrize("name", sorted(FRAMES))
def test_the_joined_script_is_valid_and_holds_every_part(name, tmp_path):
    frame = FRAMES[name]
    text = bundle(frame)
    assert not re.search(r"^\s*// @parts ", text, re.M) and "biome-ignore" not in text
    for part in named_parts(frame):
        lines = (frame.parent / part).read_text(encoding="utf-8").splitlines()
        while lines and lines[0].startswith("//"):  # what the part is, and its lint directive
            lines.pop(0)
        assert "\n".join("  " + ln if ln else ln for ln in lines) in text, f"{part} is not whole in {name}"
    node = shutil.which("node")
    assert node, "Node.js is needed (Biome runs on it): `bash scripts/setup.sh`"
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    proc = subprocess.run([node, "--check", str(path)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_the_package_serves_and_reads_the_quiz_script_whole():
    assert "quiz.js" in js_files()
    assert read("quiz.js") == bundle(BUNDLES["quiz.js"])
    with pytest.raises(ValueError, match="quiz.js"):
        read("no-such-script.js")
