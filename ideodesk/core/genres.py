"""Genre templates: for each material type a typed outline skeleton and its variables.

The templates are data (``resources/templates/<id>.json``: label, variables, whether the
speaker and date go under the title, which document furniture the genre offers, and the
skeleton as draft JSON), read once at import.  Headings and text carry 【变量】 slots;
:meth:`Genre.create` fills the ones it is given values for and leaves the rest visible,
so the checks can point at them.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ideodesk import resources_dir
from ideodesk.core.draft import Draft
from ideodesk.errors import IdeoError


@dataclass(frozen=True)
class Variable:
    name: str  # the slot name: 【单位】
    hint: str  # shown in the wizard
    default: Callable[[], str] | None = None


@dataclass(frozen=True)
class Genre:
    id: str
    label: str
    variables: tuple[Variable, ...]
    _build: Callable[[], Draft] = field(repr=False)
    # Speeches and remarks carry the speaker and date under the title, with no 落款.
    byline: bool = False
    # Which document furniture (core.furniture field ids) the genre offers.
    furniture: tuple[str, ...] = ()

    def skeleton(self) -> Draft:
        """The unfilled template (slots visible)."""
        draft = self._build()
        draft.genre = self.id
        return draft

    def create(self, title: str | None = None, values: dict[str, str] | None = None) -> Draft:
        """A new draft: defaults and ``values`` stored as variables and filled in."""
        variables = {v.name: (v.default() if v.default else "") for v in self.variables}
        variables.update({k: v for k, v in (values or {}).items() if v is not None})
        draft = self.skeleton()
        draft.variables = variables
        draft = draft.filled()
        if title:
            draft.title = title
        return draft


def _today() -> str:
    d = _dt.date.today()
    return f"{d.year}年{d.month}月{d.day}日"  # GB/T 9704: Arabic numerals, no zero padding


def _year() -> str:
    return str(_dt.date.today().year)


def _next_year() -> str:
    return str(_dt.date.today().year + 1)


DEFAULTS: dict[str, Callable[[], str]] = {"today": _today, "year": _year, "next_year": _next_year}
TEMPLATE_DIR_NAME = "templates"


def _load(path: Path) -> Genre:
    """One genre from its template file (``resources/templates/<id>.json``)."""
    from ideodesk.core.draftjson import draft_from_dict  # the draft reader validates the skeleton

    name = path.name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        variables = tuple(
            Variable(v["name"], v.get("hint", ""), DEFAULTS[v["default"]] if v.get("default") else None)
            for v in data["variables"]
        )
        skeleton = draft_from_dict({"genre": data["id"], **data["draft"]}, f"文种模板 {name}")
        return Genre(
            data["id"],
            data["label"],
            variables,
            lambda: skeleton.copy(),
            byline=bool(data.get("byline", False)),
            furniture=tuple(data.get("furniture", ())),
        )
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise IdeoError(f"文种模板 {name} 无法读取：{e}") from None


def load_genres(folder: Path | None = None) -> dict[str, Genre]:
    """Every template in ``folder`` (default: the shipped ones), in a stable order."""
    folder = folder or resources_dir() / TEMPLATE_DIR_NAME
    order = {gid: i for i, gid in enumerate(ORDER)}
    genres = [_load(p) for p in folder.glob("*.json")]
    genres.sort(key=lambda g: (order.get(g.id, len(order)), g.id))
    return {g.id: g for g in genres}


# The six genres of DESIGN §3 first, then the ones added since.
ORDER = ("speech", "remarks", "summary", "report", "minutes", "notice", "plan", "keypoints", "selfcheck")
GENRES: dict[str, Genre] = load_genres()


def genre(genre_id: str) -> Genre:
    try:
        return GENRES[genre_id]
    except KeyError:
        choices = "、".join(f"{g.id}（{g.label}）" for g in GENRES.values())
        raise IdeoError(f"未知的文种 {genre_id!r}，可选：{choices}") from None
