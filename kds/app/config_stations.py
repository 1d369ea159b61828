"""Station profiles in `config.toml` and this terminal's ``station`` setting.

The tables are ``[stations]`` (every restaurant) and ``[restaurants."<restaurant id>".stations]``
(one restaurant): each station is ``name = ["Category", …]`` or a ``[stations.name]`` table with
``categories`` and ``show_new``. `kds.app.config` reads them into a `StationProfiles`
(`kds.core.stations`) with the helpers here, shows them in ``--print-config`` with
`station_lines`, and `station_choice` picks this terminal's station for one restaurant. A bad
table raises `ConfigError` naming the key and the file; an odd one is a warning.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kds.app.config_values import ConfigError, parse_text, toml_value
from kds.app.i18n import translate
from kds.core.ids import canonical_id
from kds.core.stations import EXPO, Station, stations_for

if TYPE_CHECKING:
    from kds.app.config import KdsConfig

__all__ = [
    "StationChoice",
    "parse_station",
    "read_restaurants",
    "read_stations",
    "restaurant_path",
    "station_choice",
    "station_lines",
]


def parse_station(value: object) -> str:
    """The ``station`` setting: a profile's name, or ``all`` (`EXPO`) for every order."""
    text = parse_text(value).strip()
    if not text:
        raise ValueError('expected a station name (or "all" for every order)')
    return text


def _is_guid(text: str) -> bool:
    try:
        uuid.UUID(text.strip())
    except ValueError:
        return False
    return True


def restaurant_path(rid: str) -> str:
    return f'restaurants."{rid}".stations'


def read_stations(table: object, path: str, where: str, warnings: list[str]) -> dict[str, Station]:
    """A ``[stations]`` table: ``name = ["Category", …]`` or ``[stations.name]`` with
    ``categories`` and ``show_new``. Raises `ConfigError` naming the key and the file."""

    def bad(key: str, why: str) -> ConfigError:
        return ConfigError(f"{where}: invalid value for {key!r}: {why}")

    if not isinstance(table, dict):
        raise bad(path, "expected a table of stations (name = [category names])")
    found: dict[str, Station] = {}
    for name, value in table.items():
        key = f"{path}.{name}"
        if not name.strip() or name.strip().casefold() == EXPO:
            raise bad(key, f"a station needs a name other than {EXPO!r} (that is the expo view)")
        show_new = False
        if isinstance(value, dict):
            for sub in value:
                if sub not in ("categories", "show_new"):
                    warnings.append(f"{where}: unknown key '{key}.{sub}' (ignored)")
            if "categories" not in value:
                raise bad(key, "expected 'categories = [category names]'")
            if "show_new" in value:
                if not isinstance(value["show_new"], bool):
                    raise bad(f"{key}.show_new", "expected true or false")
                show_new = value["show_new"]
            categories = value["categories"]
        else:
            categories = value
        if not isinstance(categories, list) or not all(
            isinstance(c, str) and c.strip() for c in categories
        ):
            raise bad(key, 'expected a list of category names, e.g. ["Đồ uống"]')
        if not categories:
            warnings.append(
                f"{where}: station {key!r} names no category (it shows only lines the menu "
                "cannot place)"
            )
        found[name] = Station(name, tuple(categories), show_new)
    return found


def read_restaurants(
    table: object, where: str, warnings: list[str]
) -> dict[str, dict[str, Station]]:
    """``[restaurants."<restaurant id>".stations]`` tables, keyed by `canonical_id`."""
    if not isinstance(table, dict):
        raise ConfigError(
            f"{where}: invalid value for 'restaurants': expected tables "
            '[restaurants."<restaurant id>".stations]'
        )
    found: dict[str, dict[str, Station]] = {}
    for rid, entry in table.items():
        path = f'restaurants."{rid}"'
        if not isinstance(entry, dict):
            raise ConfigError(f"{where}: invalid value for {path!r}: expected a table")
        if not _is_guid(rid):
            warnings.append(
                f"{where}: {path!r} is no restaurant id (a GUID); its stations apply only to a "
                "restaurant with exactly that id"
            )
        for sub in entry:
            if sub != "stations":
                warnings.append(f"{where}: unknown key '{path}.{sub}' (ignored)")
        if "stations" in entry:
            key = canonical_id(rid)
            found.setdefault(key, {}).update(
                read_stations(entry["stations"], f"{path}.stations", where, warnings)
            )
    return found


@dataclass(frozen=True)
class StationChoice:
    """This terminal's station at one restaurant.

    Attributes:
        station: the profile to show, None for the expo view (every order, every line).
        profiles: the restaurant's profiles by name, for the settings picker.
        warning: why a configured ``station`` is not applied (no such profile at this
            restaurant: shown as the expo view, never a blank screen), else None.
    """

    station: Station | None
    profiles: Mapping[str, Station]
    warning: str | None = None


def station_choice(config: KdsConfig, restaurant_id: str | None) -> StationChoice:
    """The ``station`` setting resolved against the profiles of `restaurant_id`."""
    profiles = stations_for(config.stations, restaurant_id)
    name = config.values.get("station")
    if name is None or name == EXPO:
        return StationChoice(None, profiles)
    station = profiles.get(name)
    if station is None:
        source = config.sources.get("station", "default")
        known = ", ".join(sorted(profiles)) or translate("StationChoice", "none")
        if restaurant_id is None:
            text = translate(
                "StationChoice",
                "{source}: station {name} has no profile for these restaurants (profiles: "
                "{known}); showing every order (the expo view)",
            )
        else:
            text = translate(
                "StationChoice",
                "{source}: station {name} has no profile for restaurant {restaurant} (profiles: "
                "{known}); showing every order (the expo view)",
            )
        warning = text.format(source=source, name=repr(name), restaurant=restaurant_id, known=known)
        return StationChoice(None, profiles, warning)
    return StationChoice(station, profiles)


def station_lines(stations: Mapping[str, Station], path: str, sources: dict[str, str]) -> list[str]:
    """``--print-config`` lines of one stations table, each with the file it came from."""
    lines = []
    for name, station in stations.items():
        categories = "[" + ", ".join(toml_value(c) for c in station.categories) + "]"
        value = (
            f"{{categories = {categories}, show_new = true}}" if station.show_new else categories
        )
        lines.append(f"{_toml_key(name)} = {value}  # {sources.get(f'{path}.{name}', 'default')}")
    return lines


def _toml_key(name: str) -> str:
    bare = name.replace("_", "").replace("-", "")
    return name if bare.isascii() and bare.isalnum() else toml_value(name)
