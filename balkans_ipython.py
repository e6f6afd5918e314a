"""An IPython extension for the collection's kernels: errors a student meets, in plain words.

Loaded at kernel start (``jupyter/ipython_kernel_config.py``, copied into the environment by
``make install``), so it works even before the notebook's first cell has run. It is kept
outside ``helpers`` and imports nothing heavy, so a kernel starts as fast as before.

- A ``NameError`` (a cell run before the cell that sets the name up) says what to do.
- Other modules add their own plain messages with ``register`` (``helpers`` adds one for a
  broken data file); IPython allows one handler, so this module dispatches to all of them.
"""

from __future__ import annotations

import sys

_handlers: dict[type, object] = {}


def _dispatch(shell, kind, error, _traceback, tb_offset=None):
    for known, handler in _handlers.items():
        if isinstance(error, known):
            message = handler(error)
            print(message, file=sys.stderr)
            return [message]
    return None


def register(kind: type, handler) -> None:
    """Show errors of this kind as handler(error): one plain message instead of a traceback."""
    _handlers[kind] = handler
    try:
        shell = get_ipython()  # noqa: F821 (defined only inside IPython)
    except NameError:
        return
    shell.set_custom_exc(tuple(_handlers), _dispatch)


def _name_error(error: NameError) -> str:
    return (f"{error}. This cell uses something an earlier cell sets up: run the cells above it first "
            "(Run → Run All Above), or run the whole notebook (Run → Run All Cells).")


def load_ipython_extension(shell) -> None:
    register(NameError, _name_error)
