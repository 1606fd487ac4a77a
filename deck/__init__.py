"""The lecture deck's server side (Voila, started by ``scripts/present.sh``): what runs in the server, not in a kernel.

The deck's pages and views are in ``presenter/`` and :mod:`widgets.presenter` (what the pages' kernels import);
this package holds only the server's configuration classes, e.g. :class:`deck.kernels.DeckKernelManager`.
"""
