"""Convert the command line's plain option values without loading pydantic.

typer converts every option value through a pydantic ``TypeAdapter``, and importing
pydantic costs more start-up time than everything ``cspplan validate`` does with a plan.
The options cspplan declares are plain types (text, paths, whole numbers, booleans, the
choices of an ``Enum``, lists of those); :func:`install` converts those directly, the way
typer would, and leaves any other annotation to typer.

This leans on typer's internal conversion hook (``typer.core.build_runtime_param``). If a
typer release changes it, :func:`install` does nothing and typer converts every value
itself, correctly but more slowly; ``tests/test_imports.py`` notices (pydantic is loaded
again) and ``tests/test_cli.py`` checks the conversions and their messages.
"""

from __future__ import annotations

import enum
import typing
from pathlib import Path
from typing import Any

_INSTALLED = False


def _plain(annotation: Any) -> bool:
    """Whether cspplan converts values of this annotation itself."""
    if annotation in (str, Path, int, bool):
        return True
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return True
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is list and len(args) == 1:
        return _plain(args[0])
    if origin is typing.Union and len(args) == 2 and type(None) in args:  # Optional[X]
        return _plain(next(a for a in args if a is not type(None)))
    return False


def convert(annotation: Any, value: Any, minimum: int | None = None) -> Any:
    """``value`` (text from the command line) as ``annotation``; ValueError says why not."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Union:
        return convert(next(a for a in args if a is not type(None)), value, minimum)
    if origin is list:
        return [convert(args[0], item, minimum) for item in value]
    if isinstance(value, annotation):
        return value
    if annotation is str:
        return str(value)
    if annotation is Path:
        return Path(value)
    if annotation is bool:
        text = str(value).strip().lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off"):
            return False
        raise ValueError(f"'{value}' is not true or false")
    if annotation is int:
        try:
            number = int(str(value).strip())
        except ValueError:
            raise ValueError(f"'{value}' is not a whole number") from None
        if minimum is not None and number < minimum:
            raise ValueError(f"{number} is less than {minimum}")
        return number
    choices = [member.value for member in annotation]
    if value in choices:
        return annotation(value)
    raise ValueError(f"'{value}' is not one of {', '.join(map(str, choices))}")


def install() -> None:
    """Have typer convert plain annotations with :func:`convert` (once per process)."""
    global _INSTALLED
    if _INSTALLED:
        return
    try:
        from dataclasses import dataclass

        from typer import _coercion, core
        from typer._click.exceptions import BadParameter

        original = core.build_runtime_param
        base = _coercion.RuntimeParam
    except (ImportError, AttributeError):  # another typer: let it convert everything itself
        return

    @dataclass(frozen=True)
    class PlainParam(base):  # type: ignore[misc, valid-type]
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                return convert(self.annotation, value, self.parameter_info.min)
            except ValueError as exc:
                raise BadParameter(str(exc), ctx=ctx, param=param) from None

    def build(descriptor: Any) -> Any:
        if descriptor.file_annotation is None and _plain(descriptor.annotation):
            return PlainParam(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation)
        return original(descriptor)

    core.build_runtime_param = build
    _INSTALLED = True
