"""Chapter slides: the same notebooks, presented.

* :mod:`.metadata` gives every chapter cell its slide type
  (``scripts/slide_metadata.py``);
* :mod:`.myst` turns the book's MyST into plain Markdown, citations labelled as
  in the book, exercise answers marked;
* :mod:`.export` is the nbconvert preprocessor of ``bash scripts/slides.sh``
  (configured by :mod:`.config`, template ``templates/mmn_slides``, whose
  ``slides.js`` fits every slide in the 1280×720 frame and builds the handout);
* :mod:`.lecture_quiz` makes quizzes lecture-mode questions, one per slide;
* :mod:`.notes` reads the speaker notes (``book/slides/notes.yaml``);
* :mod:`.handout_pdf` prints the handouts (``slides.sh --handouts``).
"""
