"""Routes between mainland Azerbaijan and Nakhchivan: great-circle lengths through named places.

A route is a list of place ids (places.csv). Lengths are great-circle (haversine) distances on a
sphere of the mean Earth radius, in kilometres, summed leg by leg between the waypoints that have
coordinates; a road is longer than this lower bound. Places without coordinates are listed as
missing and skipped, so a route's length is marked incomplete rather than silently shortened.
"""

from __future__ import annotations

import math

import pandas as pd

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in decimal degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def located(places: pd.DataFrame, waypoints: list[str]) -> pd.DataFrame:
    """The waypoints that are in `places` with both coordinates, in route order, with their
    names, coordinates, source ids and a `label` carrying every name on record."""
    table = places.set_index("place_id")
    ok = [
        w
        for w in waypoints
        if w in table.index and pd.notna(table.at[w, "lat"]) and pd.notna(table.at[w, "lon"])
    ]
    cols = [c for c in ["name_en", "name_hy", "name_az", "lat", "lon", "source_ids"] if c in table]
    out = table.loc[ok, cols].rename_axis("place_id")
    out["label"] = [label(row) for row in out.itertuples()]
    return out


def length_km(points: pd.DataFrame) -> float:
    """Sum of the great-circle legs between consecutive rows (columns lat, lon)."""
    lat, lon = list(points["lat"]), list(points["lon"])
    return sum(haversine_km(lat[i], lon[i], lat[i + 1], lon[i + 1]) for i in range(len(lat) - 1))


def lengths(places: pd.DataFrame, routes: dict[str, list[str]]) -> pd.DataFrame:
    """Per route: waypoints, those missing coordinates, the great-circle length along the located
    waypoints and end to end (km, one decimal), and whether every waypoint was located."""
    rows = []
    for name, waypoints in routes.items():
        points = located(places, waypoints)
        missing = [w for w in waypoints if w not in points.index]
        direct = length_km(points.iloc[[0, -1]]) if len(points) >= 2 else math.nan
        rows.append(
            [
                name,
                waypoints,
                missing,
                round(length_km(points), 1) if len(points) >= 2 else math.nan,
                round(direct, 1),
                not missing,
            ]
        )
    cols = ["route", "waypoints", "missing", "km_along", "km_end_to_end", "complete"]
    return pd.DataFrame(rows, columns=cols)


def label(row) -> str:
    """'English / Azerbaijani / Armenian' name of a place row, skipping names not on record."""
    names = [row.name_az, row.name_hy]
    seen = []
    for n in names:
        if isinstance(n, str) and n and n not in seen and n not in row.name_en.split(" / "):
            seen.append(n)
    return " / ".join([row.name_en] + seen[:2]) if seen else row.name_en
