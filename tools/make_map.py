"""Generate ``assets/map.json``, the turn screen's map, from Natural Earth country shapes.

Natural Earth is public domain; its shapes come as TopoJSON in the npm package ``world-atlas``.
Run once, offline, when the map should change (the output is committed, node_modules is not):

    mkdir /tmp/mapgen && cd /tmp/mapgen && npm install world-atlas topojson-client
    python tools/make_map.py /tmp/mapgen/node_modules            # writes assets/map.json
    python tools/make_map.py /tmp/mapgen/node_modules --preview /tmp/map.png

What it makes:
- Two frames in one viewbox, both in Lambert azimuthal equal-area (areas compare honestly):
  North America, and East Asia as an inset in the North Pacific corner at ``INSET_SCALE`` of
  the main frame's scale (the frame's caption says so, and each frame has a scale bar).
- Countries keyed by ISO 3166-1 alpha-2 code, simplified (Douglas-Peucker, ``TOLERANCE_KM``)
  and without islands smaller than ``SMALLEST_ISLAND_KM2``; other land in the frames is kept,
  unkeyed, as background.
- For the countries a scenario may play, where their capital, their trafficking hub and their
  name sit, and the crossing points and sea lanes between them ("borders", ids sorted and
  joined by '-', a list of points). Scenarios choose which country an actor is (``country``).
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "assets" / "map.json"
EARTH_KM = 6371.0
TOLERANCE_KM = 9.0
SMALLEST_ISLAND_KM2 = 2500.0
VIEW_WIDTH = 1000
INSET_SCALE = 0.5

# ISO 3166-1 numeric -> alpha-2 for every country that can show in the frames
ISO = {
    "124": "CA", "840": "US", "484": "MX", "156": "CN", "158": "TW", "392": "JP", "410": "KR",
    "408": "KP", "496": "MN", "643": "RU", "356": "IN", "704": "VN", "418": "LA", "104": "MM",
    "764": "TH", "116": "KH", "608": "PH", "050": "BD", "064": "BT", "524": "NP", "398": "KZ",
    "417": "KG", "762": "TJ", "860": "UZ", "004": "AF", "586": "PK", "320": "GT", "084": "BZ",
    "340": "HN", "222": "SV", "558": "NI", "188": "CR", "591": "PA", "192": "CU", "044": "BS",
    "332": "HT", "214": "DO", "388": "JM", "304": "GL", "344": "HK", "446": "MO", "795": "TM",
}  # fmt: skip


@dataclass(frozen=True)
class Frame:
    name: str
    centre: tuple[float, float]  # (lon, lat) of the projection's centre
    west_km: float
    east_km: float
    south_km: float
    north_km: float
    scale: float = 1.0  # relative to the main frame


MAIN = Frame("North America", (-100.0, 40.0), -2350, 2950, -2650, 1950)
INSET = Frame(
    f"East Asia (inset, {INSET_SCALE:g}x scale)", (104.0, 35.0), -2800, 2800, -2200, 2100,
    INSET_SCALE,
)  # fmt: skip

# (lon, lat) of where things sit, per country; "label" is where its name would like to be
PLACES = {
    "US": {"capital": (-77.04, 38.91), "hub": (-97.5, 37.5), "label": (-99.0, 41.5)},
    "MX": {"capital": (-99.13, 19.43), "hub": (-107.39, 24.81), "label": (-102.0, 23.5)},
    "CN": {"capital": (116.40, 39.90), "hub": (121.47, 31.23), "label": (103.0, 34.0)},
    "CA": {"capital": (-75.70, 45.42), "hub": (-123.1, 49.28), "label": (-105.0, 56.0)},
}
# crossing points and sea lanes between neighbours, (lon, lat) in order from the first id
CROSSINGS = {
    "CN-MX": [("inset", (127.0, 30.0)), ("main", (-121.0, 21.0)), ("main", (-104.3, 19.05))],
    "MX-US": [("main", (-110.94, 31.33))],
    "CA-US": [("main", (-122.75, 49.0))],
    "CA-CN": [("inset", (127.0, 36.0)), ("main", (-126.0, 48.0))],
}


def laea(lon: float, lat: float, centre: tuple[float, float]) -> tuple[float, float]:
    """Lambert azimuthal equal-area, km east and north of the centre."""
    lon0, lat0 = (math.radians(v) for v in centre)
    lam, phi = math.radians(lon), math.radians(lat)
    dlam = lam - lon0
    cos_c = math.sin(lat0) * math.sin(phi) + math.cos(lat0) * math.cos(phi) * math.cos(dlam)
    k = math.sqrt(2 / max(1e-9, 1 + cos_c))
    x = EARTH_KM * k * math.cos(phi) * math.sin(dlam)
    y = (
        EARTH_KM
        * k
        * (math.cos(lat0) * math.sin(phi) - math.sin(lat0) * math.cos(phi) * math.cos(dlam))
    )
    return x, y


def clip_ring(ring, west, east, south, north):
    """Sutherland-Hodgman against the frame's rectangle (km)."""
    edges = [
        (lambda p: p[0] >= west, lambda a, b: _cross_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _cross_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _cross_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _cross_y(a, b, north)),
    ]
    points = ring
    for inside, cross in edges:
        if not points:
            break
        result = []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    result.append(cross(previous, point))
                result.append(point)
            elif inside(previous):
                result.append(cross(previous, point))
            previous = point
        points = result
    return points


def _cross_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def simplify(points, tolerance):
    """Douglas-Peucker on a closed ring (iterative)."""
    if len(points) < 5:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    far = max(range(len(points)), key=lambda i: _dist2(points[i], points[0]))
    keep[far] = True
    stack = [(0, far), (far, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, best_d = None, tolerance * tolerance
        for i in range(first + 1, last):
            d = _segment_dist2(points[i], points[first], points[last])
            if d > best_d:
                best, best_d = i, d
        if best is not None:
            keep[best] = True
            stack += [(first, best), (best, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _dist2(a, b):
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2


def _segment_dist2(p, a, b):
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return _dist2(p, a)
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return _dist2(p, (a[0] + t * dx, a[1] + t * dy))


def area(ring) -> float:
    return (
        abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:] + ring[:1], strict=True)))
        / 2
    )


def project_polygons(geometry, frame: Frame):
    """The geometry's rings in the frame (km), clipped, simplified, small islands dropped."""
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    rings = []
    for polygon in polygons:
        outer = polygon[0]  # holes (lakes) are not drawn
        lon0 = frame.centre[0]
        projected = []
        for lon, lat in outer:
            if abs(((lon - lon0 + 180) % 360) - 180) > 100:  # the far side of the globe
                projected = []
                break
            projected.append(laea(lon, lat, frame.centre))
        if len(projected) < 3:
            continue
        clipped = clip_ring(projected, frame.west_km, frame.east_km, frame.south_km, frame.north_km)
        if len(clipped) < 3 or area(clipped) < SMALLEST_ISLAND_KM2:
            continue
        simple = simplify(clipped, TOLERANCE_KM / frame.scale)
        if len(simple) >= 3:
            rings.append(simple)
    return rings


class Layout:
    """Frame km -> viewbox units: the inset on the left (the Pacific side), the main frame on
    the right, both bottom-aligned, with a gap between them."""

    GAP_KM = 250

    def __init__(self) -> None:
        main_w = MAIN.east_km - MAIN.west_km
        main_h = MAIN.north_km - MAIN.south_km
        inset_w = (INSET.east_km - INSET.west_km) * INSET.scale
        inset_h = (INSET.north_km - INSET.south_km) * INSET.scale
        self.unit = VIEW_WIDTH / (inset_w + self.GAP_KM + main_w)  # viewbox units per km
        self.height = round(max(main_h, inset_h) * self.unit)
        self.main_box = (
            (inset_w + self.GAP_KM) * self.unit,
            self.height - main_h * self.unit,
            main_w * self.unit,
            main_h * self.unit,
        )
        self.inset_box = (
            0.0,
            self.height - inset_h * self.unit,
            inset_w * self.unit,
            inset_h * self.unit,
        )

    def to_view(self, point, frame: Frame) -> tuple[float, float]:
        x, y = point
        left, top, _, _ = self.inset_box if frame is INSET else self.main_box
        scale = self.unit * frame.scale
        return (left + (x - frame.west_km) * scale, top + (frame.north_km - y) * scale)

    def lonlat(self, lon: float, lat: float, frame: Frame) -> list[float]:
        x, y = self.to_view(laea(lon, lat, frame.centre), frame)
        return [round(x, 1), round(y, 1)]


def frame_of(iso: str) -> Frame:
    return INSET if iso == "CN" else MAIN


def build(geojson: dict) -> dict:
    layout = Layout()
    countries: dict[str, dict] = {}
    land: list[list[list[float]]] = []
    for feature in geojson["features"]:
        iso = ISO.get(str(feature.get("id")))
        geometry = feature.get("geometry")
        if not geometry:
            continue
        for frame in (MAIN, INSET):
            if iso == "CN" and frame is MAIN:
                continue  # China only in its inset
            rings = [
                [[round(c, 1) for c in layout.to_view(p, frame)] for p in ring]
                for ring in project_polygons(geometry, frame)
            ]
            if not rings:
                continue
            if iso in PLACES and frame is frame_of(iso):
                entry = countries.setdefault(iso, {"name": feature["properties"]["name"]})
                entry.setdefault("polygons", []).extend(rings)
            else:
                land.extend(rings)
    for iso, spots in PLACES.items():
        if iso not in countries:
            continue
        frame = frame_of(iso)
        for name, (lon, lat) in spots.items():
            countries[iso][name] = layout.lonlat(lon, lat, frame)
    borders = {
        pair: [
            layout.lonlat(lon, lat, INSET if where == "inset" else MAIN)
            for where, (lon, lat) in points
        ]
        for pair, points in CROSSINGS.items()
    }
    return {
        "about": (
            "The turn screen's map, generated by tools/make_map.py from Natural Earth (public "
            "domain): Lambert azimuthal equal-area frames in one viewbox; countries keyed by ISO "
            "3166-1 alpha-2; 'land' is unkeyed background; 'hub' is where the trafficking route "
            "passes, 'capital' where tension lines meet, 'label' where the name would like to "
            "sit; 'borders' are crossing points and sea lanes between two countries (codes "
            "sorted, joined by '-'), in order from the first."
        ),
        "source": geojson.get("source", "Natural Earth"),
        "viewbox": [VIEW_WIDTH, layout.height],
        "frames": [
            {
                "name": frame.name,
                "box": [round(v, 1) for v in box],
                "km_per_unit": round(1 / (layout.unit * frame.scale), 3),
            }
            for frame, box in ((MAIN, layout.main_box), (INSET, layout.inset_box))
        ],
        "countries": countries,
        "land": land,
        "borders": borders,
    }


def read_countries(modules: Path) -> dict:
    script = Path(__file__).with_name("topo_to_geojson.js")
    result = subprocess.run(
        ["node", str(script), str(modules), "50m"], capture_output=True, text=True, check=False
    )
    if result.returncode:
        sys.exit(f"make_map: node failed: {result.stderr.strip()[:400]}")
    return json.loads(result.stdout)


def preview(data: dict, path: Path) -> None:
    """A quick PNG of the generated map (needs pygame)."""
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    width, height = data["viewbox"]
    surface = pygame.Surface((width, height))
    surface.fill((226, 236, 242))
    for ring in data["land"]:
        pygame.draw.polygon(surface, (225, 222, 214), ring)
    for country in data["countries"].values():
        for ring in country["polygons"]:
            pygame.draw.polygon(surface, (200, 190, 170), ring)
            pygame.draw.polygon(surface, (60, 60, 60), ring, 1)
        for spot in ("capital", "hub", "label"):
            pygame.draw.circle(surface, (0, 0, 0), country[spot], 4)
    for frame in data["frames"]:
        pygame.draw.rect(surface, (0, 0, 0), frame["box"], 1)
    for points in data["borders"].values():
        for point in points:
            pygame.draw.circle(surface, (200, 0, 0), point, 4)
    pygame.image.save(surface, str(path))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "node_modules", type=Path, help="folder holding world-atlas and topojson-client"
    )
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--preview", type=Path, default=None, help="also draw a PNG here")
    options = parser.parse_args(argv)
    data = build(read_countries(options.node_modules))
    text = json.dumps(data, separators=(",", ":"))
    options.out.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {options.out} ({len(text) // 1024} KiB, {len(data['countries'])} countries)")
    if options.preview:
        preview(data, options.preview)
    return 0


if __name__ == "__main__":
    sys.exit(main())
