"""Interactive models, views and quizzes of the MMN course.

Importing the package configures the course-wide plotly renderer once (see
:mod:`widgets.display`), so every figure renders both in JupyterLab and in the
built HTML book.
"""

from widgets.display import Explorable, in_book_build, setup_plotly

__all__ = ["Explorable", "in_book_build", "setup_plotly"]
__version__ = "0.1.0"

setup_plotly()
