"""Giving memory back to the system once a run has let go of something large (the spaCy pipelines, langdetect's
profiles): the C library keeps freed memory for its next requests otherwise, and the Python objects made next
would not take it (glibc's `malloc_trim`; elsewhere, nothing more)."""

from __future__ import annotations


def give_back_memory() -> None:
    """Collect what is unreachable, then return the freed pages to the system."""
    import gc

    gc.collect()
    try:
        import ctypes

        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass
