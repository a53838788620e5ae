"""Rule classes as plain Python when they price, and as pydantic models when a file is validated.

A rule kind's module declares its classes once, in pydantic's own words (`BaseModel`, `Field`,
`model_validator`, `Annotated` types). Here those words are light records, so that importing the
rules, unpickling a cached agency and pricing a job never import pydantic, which with making
the rules' classes was most of a fresh process's wait for its first answer. The first file to validate
builds a pydantic twin of each class (`twin`): a model that subclasses the plain class, so that its
`model_validator`s run the class's own methods, and whose instances pickle as the plain class.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import types
import typing
from decimal import Decimal
from functools import lru_cache
from typing import Annotated, Any, ForwardRef, Literal, Union, get_args, get_origin

_MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()
_CLASSES: list[type[BaseModel]] = []  # every plain class, in the order declared: the twins are made for them all


class Field:
    """pydantic.Field's arguments, kept: a field's default and constraints, or an Annotated type's metadata."""

    __slots__ = ("default", "kwargs")

    def __init__(self, default: Any = _MISSING, **kwargs: Any) -> None:
        self.default, self.kwargs = default, kwargs

    def value(self) -> Any:
        """The default a plain construction gives the field (_MISSING: none, the field is required)."""
        factory = self.kwargs.get("default_factory")
        return factory() if factory is not None else self.default


class _Meta:
    """One of pydantic's Annotated markers (BeforeValidator, AfterValidator, WithJsonSchema), kept by name."""

    __slots__ = ("args",)
    name = ""

    def __init__(self, *args: Any) -> None:
        self.args = args


class BeforeValidator(_Meta):
    name = "BeforeValidator"


class AfterValidator(_Meta):
    name = "AfterValidator"


class WithJsonSchema(_Meta):
    name = "WithJsonSchema"


def ConfigDict(**settings: Any) -> dict[str, Any]:  # noqa: N802  (pydantic's name)
    return settings


def model_validator(*, mode: Literal["after"]) -> typing.Callable:
    """Marks a method that checks a model once its fields validate; it runs then, and on the plain class never."""
    def mark(fn: typing.Callable) -> typing.Callable:
        fn.__validator_mode__ = mode
        return fn
    return mark


def _rebuild(cls: type, state: dict[str, Any]) -> Any:
    """A plain instance from its fields' values (pickle's way back, for twin and plain instances alike)."""
    obj = object.__new__(cls)
    obj.__dict__.update(state)
    return obj


class BaseModel:
    """An immutable record of named fields, equal, hashed and pickled by their values as pydantic's frozen models are.

    Built from values already valid: a file's values are validated by `model_validate`.
    """

    model_config: typing.ClassVar[dict[str, Any]] = {}
    model_fields: typing.ClassVar[dict[str, Any]] = {}  # name → its declared default (_MISSING for none), in order

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "__runtime__" in cls.__dict__:  # a twin
            return
        fields: dict[str, Any] = {}
        declared: dict[str, tuple[Any, type]] = {}
        for base in reversed(cls.__mro__[1:]):  # the bases' fields first, in pydantic's order
            fields.update(base.__dict__.get("model_fields", {}))
            declared.update(base.__dict__.get("__declared__", {}))
        for name, annotation in cls.__dict__.get("__annotations__", {}).items():
            if str(annotation).startswith(("ClassVar", "typing.ClassVar")):
                continue
            default = cls.__dict__.get(name, _MISSING)
            if default is not _MISSING:
                delattr(cls, name)  # defaults live in model_fields, as pydantic keeps them off the class
            fields[name] = default
            declared[name] = (annotation, cls)
        # The twin alone declares the fields to pydantic, which would otherwise read each base's annotations again.
        cls.__annotations__ = {}
        cls.model_fields, cls.__declared__ = fields, declared
        cls.model_config = {**cls.model_config, **cls.__dict__.get("model_config", {})}
        cls.__runtime__ = cls
        _CLASSES.append(cls)

    def __init__(self, **values: Any) -> None:
        unknown = values.keys() - self.model_fields.keys()
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {sorted(unknown)[0]}")
        state = {}
        for name, default in self.model_fields.items():
            if name in values:
                state[name] = values[name]
                continue
            value = default.value() if isinstance(default, Field) else default
            if value is _MISSING:
                raise TypeError(f"{type(self).__name__} needs {name}")
            state[name] = value
        self.__dict__.update(state)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def _values(self) -> tuple:
        d = self.__dict__
        return tuple([d[name] for name in self.__runtime__.model_fields])

    def _state(self) -> dict[str, Any]:
        d = self.__dict__
        return {name: d[name] for name in self.__runtime__.model_fields}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BaseModel) or other.__runtime__ is not self.__runtime__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in self._state().items())
        return f"{type(self).__name__}({fields})"

    def __reduce__(self) -> tuple:
        return _rebuild, (self.__runtime__, self._state())

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Any:
        """A copy with some fields replaced (values already valid), as pydantic's model_copy."""
        return _rebuild(self.__runtime__, {**self._state(), **(update or {})})

    def model_dump_json(self) -> str:
        """The fields as JSON text, the same for equal records: an identity that nests."""
        return json.dumps(self._state(), default=_json, separators=(",", ":"))

    @classmethod
    def model_validate(cls, data: Any) -> Any:
        """`data` (a TOML table) validated by pydantic as this class, as plain instances; raises its ValidationError."""
        import pickle

        return pickle.loads(pickle.dumps(twin(cls).model_validate(data), protocol=pickle.HIGHEST_PROTOCOL))

    @classmethod
    def model_json_schema(cls, **kwargs: Any) -> dict[str, Any]:
        return twin(cls).model_json_schema(**kwargs)


def _json(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value._state()
    if isinstance(value, (Decimal, dt.date, dt.time)):
        return str(value)
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value, key=str) if isinstance(value, (set, frozenset)) else list(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


# --- the pydantic twins: made once, when the first file is validated -------------------------

def twin(cls: type[BaseModel]) -> Any:
    """The pydantic model that validates `cls`: a subclass of it and of pydantic's BaseModel."""
    return _twins()[cls]


@lru_cache(maxsize=1)
def _twins() -> dict[type, Any]:
    import pydantic

    made: dict[type, Any] = {}
    types_of = _Types(pydantic, made)
    for cls in _CLASSES:  # a class's fields name classes declared before it, but for the nested conditions
        namespace: dict[str, Any] = {
            "__module__": cls.__module__, "__qualname__": cls.__qualname__, "__doc__": cls.__doc__,
            "__runtime__": cls, "model_config": pydantic.ConfigDict(**cls.model_config),
            "__annotations__": {name: types_of(*cls.__declared__[name]) for name in cls.model_fields},
        }
        for name, default in cls.model_fields.items():
            if default is not _MISSING:
                namespace[name] = _pydantic_meta(default, pydantic)
        for klass in reversed(cls.__mro__):
            for name, value in vars(klass).items():
                if getattr(value, "__validator_mode__", None):
                    namespace[name] = pydantic.model_validator(mode=value.__validator_mode__)(value)
        made[cls] = type(pydantic.BaseModel)(cls.__name__, (pydantic.BaseModel, cls), namespace)
    space = {ref.__forward_arg__: made[cls] for cls, ref in types_of.ahead.items()}
    for model in made.values():  # where pydantic looks up a forward reference when it first validates
        model.__pydantic_parent_namespace__ = space
    return made


class _Types:
    """A field's declared type as pydantic's: each plain class named by its twin, each marker made pydantic's own."""

    def __init__(self, pydantic: types.ModuleType, made: dict[type, Any]) -> None:
        self.pydantic, self.made = pydantic, made
        self.ahead: dict[type, ForwardRef] = {}  # classes named before their twin is made
        self.read: dict[tuple[str, str], Any] = {}
        self.done: dict[Any, Any] = {}

    def __call__(self, annotation: Any, owner: type) -> Any:
        if isinstance(annotation, str):  # as `from __future__ import annotations` leaves it: read in the owner's module
            key = (owner.__module__, annotation)
            if key not in self.read:
                self.read[key] = eval(annotation, vars(sys.modules[owner.__module__]))  # noqa: S307
            annotation = self.read[key]
        return self.pydantic_type(annotation)

    def pydantic_type(self, tp: Any) -> Any:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if tp in self.made:
                return self.made[tp]
            if tp not in self.ahead:
                self.ahead[tp] = ForwardRef(f"{tp.__module__.replace('.', '_')}__{tp.__name__}")
            return self.ahead[tp]
        try:
            return self.done[tp]
        except (KeyError, TypeError):  # TypeError: unhashable
            pass
        origin, args = get_origin(tp), get_args(tp)
        if origin is Annotated:
            out = Annotated[(self.pydantic_type(args[0]), *(_pydantic_meta(m, self.pydantic) for m in tp.__metadata__))]
        elif origin is None or origin is Literal or not args:
            out = tp
        else:
            inner = tuple(self.pydantic_type(a) for a in args)
            out = Union[inner] if origin in (Union, types.UnionType) else origin[inner if len(inner) > 1 else inner[0]]
        if not self._names_ahead(out):  # one with a forward reference may be met again once its twin is made
            self.done[tp] = out
        return out

    def _names_ahead(self, tp: Any) -> bool:
        return isinstance(tp, ForwardRef) or any(self._names_ahead(a) for a in get_args(tp))


def _pydantic_meta(meta: Any, pydantic: types.ModuleType) -> Any:
    if isinstance(meta, Field):
        return pydantic.Field(**meta.kwargs) if meta.default is _MISSING else pydantic.Field(meta.default, **meta.kwargs)
    if isinstance(meta, _Meta):
        return getattr(pydantic, meta.name)(*meta.args)
    return meta

