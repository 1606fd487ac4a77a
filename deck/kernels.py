"""The lecture deck's kernel manager: idle kernels are culled, but never a preheated one just handed to a page.

``scripts/present.sh`` runs Voila with preheated kernels (one executed page waiting per deck page) and culls
the kernels of pages the lecturer left after 60 idle seconds. Voila keeps its pooled kernels from the culler,
but a kernel leaves the pool with the activity time of when it was heated, often minutes ago: if the culler
passes between the hand-over and the browser's connection (about a second), it shuts the new page's kernel
down and the page fails (``404 GET /api/kernels/<id>``, then anywidget's plugin fails). Measured in the live
test run of 2026-12-08: a page opened 70 s after its kernel was heated.

:class:`DeckKernelManager` gives every kernel one fresh start of its idle clock the first time the culler
looks at it outside the pool (within ``cull_interval`` of the hand-over), so the page's browser has a whole
``cull_idle_timeout`` to connect; after that the usual rules apply. Voila takes it with
``--VoilaConfiguration.multi_kernel_manager_class=deck.kernels.DeckKernelManager``.
"""

from __future__ import annotations

from datetime import datetime, timezone

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from jupyter_server.utils import ensure_async


class DeckKernelManager(AsyncMappingKernelManager):
    """``AsyncMappingKernelManager`` whose culler spares a kernel once, at its first look (see the module)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._seen_by_culler: set[str] = set()

    async def cull_kernel_if_idle(self, kernel_id: str):
        """Restart the idle clock of a kernel the culler meets for the first time; otherwise cull as usual."""
        self._seen_by_culler &= set(self._kernels)  # forget kernels shut down since
        kernel = self._kernels.get(kernel_id)
        if kernel is not None and kernel_id not in self._seen_by_culler:
            self._seen_by_culler.add(kernel_id)
            kernel.last_activity = datetime.now(timezone.utc)
            return None
        return await ensure_async(super().cull_kernel_if_idle(kernel_id))
