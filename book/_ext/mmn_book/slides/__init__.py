"""Chapter slides: the same notebooks, presented.

* :mod:`.metadata` gives every chapter cell its slide type
  (``scripts/slide_metadata.py``);
* :mod:`.myst` turns the book's MyST into plain Markdown, citations labelled as
  in the book;
* :mod:`.export` is the nbconvert preprocessor of ``bash scripts/slides.sh``
  (configured by ``presenter/slides_config.py``).
"""
