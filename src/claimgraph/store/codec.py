"""Records of ``types.py`` ↔ JSON-ready data, both directions, driven by the dataclass type hints.

``encode`` turns any record (or tuple/dict of records) into plain lists, dicts
and scalars; a ``Span`` becomes ``[start, end]``. ``decode(Type, data)`` builds
the record back, checking the shape as it goes. Fields missing from older data
take their defaults and unknown keys are ignored, so optional fields added to
``types.py`` later do not invalidate stored analyses.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any, Literal, Union

from ..errors import StoreError
from ..types import Article, ArticleAnalysis, Span

# Bump when the encoding itself changes (not when types.py gains optional fields).
CODEC_VERSION = 1


def encode(value: Any) -> Any:
    """A record, tuple, dict or scalar → JSON-ready data."""
    if isinstance(value, Span):
        return [value.start, value.end]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode_record(cls: type, data: Any, where: str, **given: Any) -> Any:
    if not isinstance(data, dict):
        raise StoreError(f"{where}: expected an object for {cls.__name__}, got {type(data).__name__}")
    hints = _hints(cls)
    kwargs = {n: decode(h, data[n], f"{where}.{n}") for n, h in hints.items() if n in data and n not in given}
    kwargs.update(given)
    try:
        return cls(**kwargs)
    except TypeError as exc:  # a required field is missing
        raise StoreError(f"{where}: cannot build {cls.__name__}: {exc}") from None


def _decode_scalar(tp: type, data: Any, where: str) -> Any:
    if tp is float and isinstance(data, int) and not isinstance(data, bool):
        return float(data)
    if not isinstance(data, tp) or (tp is int and isinstance(data, bool)):
        raise StoreError(f"{where}: expected {tp.__name__}, got {type(data).__name__}")
    return data


def decode(tp: Any, data: Any, where: str = "$") -> Any:
    """JSON-ready data → a value of type ``tp`` (a record class or a typing expression)."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if tp is Span:
        if not (isinstance(data, list) and len(data) == 2 and all(isinstance(x, int) for x in data)):
            raise StoreError(f"{where}: expected a span [start, end], got {data!r}")
        return Span(data[0], data[1])
    if origin in (Union, types.UnionType):
        if data is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        return decode(inner[0], data, where)
    if origin is Literal:
        if data not in args:
            raise StoreError(f"{where}: {data!r} is not one of {list(args)}")
        return data
    if origin is tuple:
        if not isinstance(data, list):
            raise StoreError(f"{where}: expected a list, got {type(data).__name__}")
        item = args[0]
        return tuple(decode(item, v, f"{where}[{i}]") for i, v in enumerate(data))
    if origin is dict:
        if not isinstance(data, dict):
            raise StoreError(f"{where}: expected an object, got {type(data).__name__}")
        return {k: decode(args[1], v, f"{where}.{k}") for k, v in data.items()}
    if dataclasses.is_dataclass(tp):
        return _decode_record(tp, data, where)
    if tp in (str, int, float, bool):
        return _decode_scalar(tp, data, where)
    return data  # Any, bare dict/list: stored as is


def encode_analysis(analysis: ArticleAnalysis) -> dict[str, Any]:
    """An ArticleAnalysis → JSON-ready data without its article (the article has its own table)."""
    data = encode(analysis)
    del data["article"]
    data["codec"] = CODEC_VERSION
    return data


def decode_analysis(article: Article, data: Any) -> ArticleAnalysis:
    """Data from ``encode_analysis`` plus the stored article → the ArticleAnalysis."""
    where = f"analysis of {article.id}"
    if not isinstance(data, dict) or data.get("codec") != CODEC_VERSION:
        raise StoreError(f"{where}: unknown encoding (codec {data.get('codec') if isinstance(data, dict) else None})")
    return _decode_record(ArticleAnalysis, data, where, article=article)
