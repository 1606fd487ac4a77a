"""Item-flaw linter of the question bank: the cues that let a test-wise student answer without knowing.

Checks (NBME item-writing guide; each finding names the file, the question and the option):

========================  =========  =====================================================================
code                      severity   what it flags
========================  =========  =====================================================================
``all-none``              error      "all/none/both/neither of the above (following)" as an option
``explanation``           error      an option without an explanation, or one too short to teach (< 25 chars)
``absolute-word``         warning    always/never/only/every/all/none/must in some options but not in all
                                     (absolute words mark distractors as false; "every 4 weeks" is an interval)
``longest-key``           warning    the key is clearly the longest option (>= 20% longer than every other)
``stem-echo``             warning    the key repeats words of the stem that no distractor repeats ("clang")
``select-all-first``      warning    a select-all item whose correct options are the first ones (0, 1, ...)
``teaching-point``        warning    no one-line ``teaching_point``
``bloom``                 warning    no ``bloom`` level
========================  =========  =====================================================================

Bank-wide: ``longest-key-share`` (warning) when the key is the longest option in more than 40% of the
single-answer items of a file, and ``select-all-pattern`` (error) when every select-all item of the bank
has its first option correct.

A warning judged harmless for one item goes in :data:`ALLOWED` with its reason (why the cue does not
help a guesser there); allowed findings are listed apart and not counted. Run ``python -m widgets.quiz.lint``
for a report; ``tests/unit/quiz/test_quiz_lint.py`` runs it on the bank.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from widgets.quiz.bank import Question, read_bank
from widgets.quiz.schema import FORBIDDEN_OPTIONS

ABSOLUTE = re.compile(r"\b(always|never|only|every|all|none|must)\b", re.IGNORECASE)
#: "every 3 weeks", "every 2 to 4 weeks", "every day": a dosing interval, not an absolute claim.
INTERVAL = re.compile(
    r"\bevery\s+(?:other\s+|\d+(?:\.\d+)?(?:\s*(?:to|-|–)\s*\d+(?:\.\d+)?)?\s+)?"
    r"(?:hours?|days?|weeks?|months?|years?|morning|evening|night)\b",
    re.IGNORECASE,
)


def _absolute_words(text: str) -> list[str]:
    """The absolute words of ``text``, dosing intervals ("every 4 weeks") aside."""
    return [m.group(0).lower() for m in ABSOLUTE.finditer(INTERVAL.sub(" ", text))]
MIN_EXPLANATION = 25
LONGEST_MARGIN = 1.2
LONGEST_SHARE = 0.4
#: Function words and domain words too common to be a cue.
STOPWORDS = frozenset(
    """about above after again against among because before being below between both could during either
    every first from have having into itself later least might more most much must other over same should
    since some such than that their them then there these they this those through under until very were what
    when where which while whose will with within would your patient patients years year which most likely
    following""".split()
)


#: Warnings accepted for one item, keyed by (file, question, code), each with the reason it does not cue the
#: answer. Errors cannot be allowed. Keep it short: rewriting the item is the better fix.
ALLOWED: dict[tuple[str, str, str], str] = {}


@dataclass(frozen=True)
class Flaw:
    """One finding of the linter."""

    file: str
    question: str
    code: str
    severity: str  # "error" | "warning"
    message: str

    def __str__(self) -> str:
        return f"{self.file}: question {self.question!r}: {self.code} ({self.severity}): {self.message}"


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z-]{4,}", text.lower()) if w not in STOPWORDS}


def lint_question(q: Question, file: str | None = None) -> list[Flaw]:
    """The flaws of one question."""
    file = file or f"{q.chapter}.yaml"
    out: list[Flaw] = []

    def flag(code: str, severity: str, message: str) -> None:
        out.append(Flaw(file, q.id, code, severity, message))

    for i, o in enumerate(q.options):
        if FORBIDDEN_OPTIONS.search(o.text):
            flag("all-none", "error", f"options[{i}] is {o.text!r}")
        if len(o.explanation.strip()) < MIN_EXPLANATION:
            flag("explanation", "error", f"options[{i}].explanation is too short to say why, for this patient")
    absolute = [i for i, o in enumerate(q.options) if _absolute_words(o.text)]
    if absolute and len(absolute) < len(q.options):
        words = sorted({w for i in absolute for w in _absolute_words(q.options[i].text)})
        keyed = [i for i in absolute if q.options[i].correct]
        role = "the key" if keyed and len(keyed) == len(absolute) else "distractors" if not keyed else "key and distractors"
        flag("absolute-word", "warning", f"{', '.join(words)} in options {absolute} ({role}) but not in the others")
    if q.type == "single":
        (k,) = q.correct_indices
        key_len = len(q.options[k].text)
        others = [len(o.text) for i, o in enumerate(q.options) if i != k]
        if key_len >= LONGEST_MARGIN * max(others):
            flag("longest-key", "warning", f"the key (options[{k}], {key_len} chars) is the longest; next {max(others)}")
        stem = _words(q.stem)
        key_echo = len(_words(q.options[k].text) & stem)
        other_echo = max(len(_words(o.text) & stem) for i, o in enumerate(q.options) if i != k)
        if key_echo - other_echo >= 2:
            shared = sorted(_words(q.options[k].text) & stem)
            flag("stem-echo", "warning", f"the key repeats stem words {shared} that no distractor repeats")
    else:
        correct = q.correct_indices
        if correct == tuple(range(len(correct))):
            flag("select-all-first", "warning", f"the correct options are the first {len(correct)}: {list(correct)}")
    if not q.teaching_point:
        flag("teaching-point", "warning", "no one-line teaching_point")
    if not q.bloom:
        flag("bloom", "warning", "no bloom level (remember|understand|apply|analyse|evaluate)")
    return out


def lint_questions(questions: Iterable[Question]) -> list[Flaw]:
    """Flaws of every question, then the bank-wide patterns."""
    questions = tuple(questions)
    out = [f for q in questions for f in lint_question(q)]
    by_file: dict[str, list[Question]] = {}
    for q in questions:
        if q.type == "single":
            by_file.setdefault(q.chapter, []).append(q)
    for chapter, qs in by_file.items():
        longest = sum(
            1 for q in qs if len(q.options[q.correct_indices[0]].text) == max(len(o.text) for o in q.options)
        )
        if len(qs) >= 5 and longest / len(qs) > LONGEST_SHARE:
            out.append(
                Flaw(f"{chapter}.yaml", "*", "longest-key-share", "warning",
                     f"the key is the longest option in {longest} of {len(qs)} single-answer items")
            )
    multi = [q for q in questions if q.type == "multiple"]
    if len(multi) >= 3 and all(0 in q.correct_indices for q in multi):
        out.append(
            Flaw("*", "*", "select-all-pattern", "error",
                 f"the first option is correct in all {len(multi)} select-all items")
        )
    return out


def is_allowed(flaw: Flaw, allowed: dict[tuple[str, str, str], str] | None = None) -> bool:
    """Whether ``flaw`` is a warning accepted in ``allowed`` (default :data:`ALLOWED`)."""
    allowed = ALLOWED if allowed is None else allowed
    return flaw.severity == "warning" and (flaw.file, flaw.question, flaw.code) in allowed


def lint_bank(directory=None, *, include_allowed: bool = False) -> list[Flaw]:
    """Lint the course's question bank (or the bank in ``directory``), without the allowed warnings."""
    flaws = lint_questions(read_bank(directory).questions)
    return flaws if include_allowed else [f for f in flaws if not is_allowed(f)]


def summary(flaws: Iterable[Flaw]) -> Counter:
    """Number of findings per code."""
    return Counter(f.code for f in flaws)


def main(argv: list[str] | None = None) -> int:
    """Print the bank's flaws, the allowed warnings with their reasons, and the count per code.

    Parameters
    ----------
    argv : list of str, optional
        Command-line arguments (accepted for a console entry point; none are read).

    Returns
    -------
    int
        Exit status: 1 if any flaw that is not allowed is an error, else 0.
    """
    everything = lint_bank(include_allowed=True)
    flaws = [f for f in everything if not is_allowed(f)]
    for f in flaws:
        print(f)
    for f in everything:
        if is_allowed(f):
            print(f"allowed: {f} ({ALLOWED[(f.file, f.question, f.code)]})")
    counts = summary(flaws)
    print("\n" + ", ".join(f"{code}: {n}" for code, n in sorted(counts.items())) if counts else "no flaws")
    return 1 if any(f.severity == "error" for f in flaws) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
