"""The one-line reason of a pydantic validation error, as every reader of files prints it."""

from __future__ import annotations

from pydantic import ValidationError


def first_error(exc: ValidationError) -> str:
    """"where: what" of the first error ("facts.0.status: Input should be ..."), or just what when at the top."""
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return f"{where}: {first['msg']}" if where else first["msg"]
