"""``cached``: a property computed on first use and kept in the instance.

``functools.cached_property`` as Python 3.12 has it: Python 3.11's takes a
lock shared by every instance of the class on each first use, about half a
microsecond, and a lint reads a dozen of them a plan (the contexts, the
criteria tree). The value is kept in the instance's ``__dict__`` under the
property's name, as there; two threads reading it first may both compute it,
as in 3.12.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


class cached(Generic[T]):  # lower case: a decorator, named as functools' is
    """A property computed on first use, then the instance's own attribute."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> cached[T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> T | cached[T]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value
