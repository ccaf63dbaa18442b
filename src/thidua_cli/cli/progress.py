"""A progress bar on stderr for batches of reports, on a terminal only.

rich is imported when a bar is actually shown: a single report, or output
to a pipe, does not pay its start-up cost.
"""

from __future__ import annotations

import sys
from typing import Any


class Bar:
    """The library's ``progress(done, total)`` callback as a bar, from ``many`` plans on.

    ``stop()`` removes it (the command calls it also when the batch fails).
    """

    def __init__(self, many: int, label: str) -> None:
        self.many = many
        self.label = label
        self._progress: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if done == 0:
            self.start(total)
        elif self._progress is not None:
            self._progress.advance(self._task)
        if done == total:
            self.stop()

    def start(self, total: int) -> None:
        if total < self.many or not sys.stderr.isatty():
            return
        from rich.console import Console
        from rich.progress import Progress

        self._progress = Progress(console=Console(file=sys.stderr), transient=True)
        self._progress.start()
        self._task = self._progress.add_task(self.label, total=total)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
