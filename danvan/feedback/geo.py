"""Points on the map: inside Vietnam, distances, the grid cells that index nearby reports, the commune of a point.

No geocoder and no polygons: the commune of a point is the current commune whose centre (from the unit data) is
nearest. Nearby look-ups read the report's grid cell (``CELL_DEGREES`` square) and its neighbours through an index,
then measure the real distance.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree

CELL_DEGREES = 0.005  # about 555 m north–south: a 250 m radius never reaches past the neighbouring cells
_CELLS_PER_DEGREE = round(1 / CELL_DEGREES)
_ROW = 1_000_000  # cell = row * _ROW + column; rows and columns are non-negative in Vietnam's box
EARTH_RADIUS_M = 6_371_000.0

# The mainland and the two archipelagos (Hoàng Sa, Trường Sa), as boxes (lat_min, lat_max, lng_min, lng_max).
VIETNAM_BOXES: tuple[tuple[float, float, float, float], ...] = (
    (8.1, 23.4, 102.1, 109.5),
    (15.7, 17.2, 111.0, 112.9),
    (6.0, 11.6, 111.5, 117.9),
)


def in_vietnam(latitude: float, longitude: float) -> bool:
    return any(a <= latitude <= b and c <= longitude <= d for a, b, c, d in VIETNAM_BOXES)


def distance_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance (haversine), in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(h))


def grid_cell(latitude: float, longitude: float) -> int:
    row = math.floor(latitude * _CELLS_PER_DEGREE)
    column = math.floor(longitude * _CELLS_PER_DEGREE)
    return row * _ROW + column


BOX_MAX_ROWS = 200  # a map box of at most this many rows of cells (1°, ~110 km) is read through the cell index


def cell_ranges(south: float, west: float, north: float, east: float) -> list[tuple[int, int]] | None:
    """The grid cells a box touches, as one (first, last) range of cell numbers per row of cells; None when the box
    spans more than ``BOX_MAX_ROWS`` rows (a map zoomed out that far is read newest first instead)."""
    first_row, last_row = math.floor(south * _CELLS_PER_DEGREE), math.floor(north * _CELLS_PER_DEGREE)
    if last_row - first_row + 1 > BOX_MAX_ROWS:
        return None
    first_column, last_column = math.floor(west * _CELLS_PER_DEGREE), math.floor(east * _CELLS_PER_DEGREE)
    return [(row * _ROW + first_column, row * _ROW + last_column) for row in range(first_row, last_row + 1)]


def cells_around(latitude: float, longitude: float, radius_m: float) -> list[int]:
    """Every grid cell that a circle of ``radius_m`` around the point touches."""
    lat_span = radius_m / 111_320.0
    lng_span = radius_m / (111_320.0 * max(math.cos(math.radians(latitude)), 0.01))
    rows = range(
        math.floor((latitude - lat_span) * _CELLS_PER_DEGREE), math.floor((latitude + lat_span) * _CELLS_PER_DEGREE) + 1
    )
    columns = range(
        math.floor((longitude - lng_span) * _CELLS_PER_DEGREE),
        math.floor((longitude + lng_span) * _CELLS_PER_DEGREE) + 1,
    )
    return [row * _ROW + column for row in rows for column in columns]


def _communes_near(latitude: float, longitude: float, span: float) -> Iterable[AdministrativeUnit]:
    # A latitude band read from the index unit_tree_level_latitude, unsorted (the caller picks the nearest, ties by
    # id): not every current unit scanned and sorted by path.
    return (
        AdministrativeUnit.objects.filter(
            tree=UnitTree.CURRENT,
            level=UnitLevel.COMMUNE,
            valid_to__isnull=True,
            latitude__range=(latitude - span, latitude + span),
            longitude__range=(longitude - span, longitude + span),
        )
        .only("id", "code", "name", "path", "province_code", "latitude", "longitude", "tree", "level")
        .order_by()
    )


def nearest_commune(latitude: float, longitude: float) -> AdministrativeUnit | None:
    """The current commune whose centre is nearest the point (None when none lies within about 50 km)."""
    for span in (0.1, 0.45):
        candidates = [
            (distance_m(latitude, longitude, float(unit.latitude), float(unit.longitude)), unit.pk, unit)
            for unit in _communes_near(latitude, longitude, span)
            if unit.latitude is not None and unit.longitude is not None
        ]
        if candidates:
            return min(candidates, key=lambda candidate: candidate[:2])[2]
    return None


SURE_M = 1500  # a pin this close to the chosen commune's centre is accepted whatever commune is nearest


def surely_in(unit: AdministrativeUnit, latitude: float, longitude: float) -> bool:
    """Whether :func:`plausibly_in` accepts the point for ``unit`` whichever commune is nearest (it lies within
    ``SURE_M`` of the centre), so the nearest need not be looked up."""
    if unit.latitude is None or unit.longitude is None:
        return True
    return distance_m(latitude, longitude, float(unit.latitude), float(unit.longitude)) <= SURE_M


def plausibly_in(unit: AdministrativeUnit, latitude: float, longitude: float, nearest: AdministrativeUnit) -> bool:
    """Whether a point whose nearest commune centre is ``nearest``'s may still lie in ``unit``.

    Without boundaries, a point near the line between two communes is nearer either centre: accept the chosen
    commune unless its centre is clearly farther (half again the distance to the nearest, plus 1,5 km).
    """
    if unit.latitude is None or unit.longitude is None or nearest.latitude is None or nearest.longitude is None:
        return True
    to_unit = distance_m(latitude, longitude, float(unit.latitude), float(unit.longitude))
    to_nearest = distance_m(latitude, longitude, float(nearest.latitude), float(nearest.longitude))
    return to_unit <= to_nearest * 1.5 + SURE_M
