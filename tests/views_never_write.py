"""A view never writes: it parses, checks, calls one service and renders (ARCHITECTURE.md).

``ViewWrites`` watches every query a request makes. A write (INSERT, UPDATE, DELETE)
whose nearest Convene caller is a view or form module, rather than a service, task or
middleware, is a view writing (a ModelForm's ``save()`` called from a view is one); the
test client fails the request's test, saying where.
"""

import sys
from pathlib import Path

import convene

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
CONVENE = str(Path(convene.__file__).parent)


def _is_view_module(filename: str) -> bool:
    """Views and the forms they parse with: the request's side of the service boundary."""
    path = Path(filename)
    return "views" in path.parts or path.stem.startswith(("views", "forms"))


def nearest_convene_caller(frame) -> str | None:
    while frame is not None:
        filename = frame.f_code.co_filename
        if filename.startswith(CONVENE):
            return f"{filename}:{frame.f_lineno} in {frame.f_code.co_name}"
        frame = frame.f_back
    return None


class ViewWrites:
    """An execute wrapper collecting the writes made straight from a view."""

    def __init__(self):
        self.found: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(WRITES):
            caller = nearest_convene_caller(sys._getframe(1))
            if caller is not None and _is_view_module(caller.split(":")[0]):
                self.found.append(f"{caller}: {sql.split()[0]} {sql.split()[2][:40]}")
        return execute(sql, params, many, context)
