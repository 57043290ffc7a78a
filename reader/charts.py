"""Geometry for the small server-rendered SVG graphics: a bar chart and the 盟市 tile map.

Only numbers and plain strings leave this module; the templates draw the SVG and escape
every label, so no markup is built here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# ------------------------------------------------------------------ bar chart

CHART_HEIGHT = 120  # drawing area, in SVG user units
BAR_GAP = 4
LABEL_SPACE = 22  # below the bars, for the x labels
TOP_SPACE = 16  # above the tallest bar, for its count
SIDE_SPACE = 18  # either side, so the first and last labels fit


@dataclass(frozen=True)
class Bar:
    label: str  # shown under the bar (may be blank to avoid crowding)
    title: str  # full description, e.g. "2025年8月：12 个段落"
    count: int
    href: str
    x: float
    y: float
    width: float
    height: float

    @property
    def label_x(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    width: float
    height: float
    baseline: float
    total: int


def bar_chart(
    points: Sequence[tuple[str, str, int, str]], *, bar_width: float = 28, max_labels: int = 12
) -> Chart | None:
    """(label, title, count, href) per bar, in order → bar geometry; None without any count."""
    if not points or not any(count for _, _, count, _ in points):
        return None
    top = max(count for _, _, count, _ in points)
    step = max(1, -(-len(points) // max_labels))  # label every n-th bar when there are many
    bars = []
    for i, (label, title, count, href) in enumerate(points):
        height = round(CHART_HEIGHT * count / top, 1) if count else 0
        bars.append(
            Bar(
                label=label if i % step == 0 or i == len(points) - 1 else "",
                title=title,
                count=count,
                href=href,
                x=SIDE_SPACE + i * (bar_width + BAR_GAP),
                y=TOP_SPACE + CHART_HEIGHT - height,
                width=bar_width,
                height=height,
            )
        )
    width = len(points) * (bar_width + BAR_GAP) - BAR_GAP + 2 * SIDE_SPACE
    baseline = TOP_SPACE + CHART_HEIGHT
    return Chart(
        bars, width=width, height=baseline + LABEL_SPACE, baseline=baseline, total=sum(b.count for b in bars)
    )


# ------------------------------------------------------------------ tile map

TILE_W, TILE_H, TILE_GAP = 104, 62, 6

# A schematic of Inner Mongolia's crescent from 阿拉善 in the west to 呼伦贝尔 in the north-east,
# by GB/T 2260 code: (column, row, columns spanned). Positions follow the real neighbours, sizes do not.
LEAGUE_TILES: dict[str, tuple[int, int, int]] = {
    "150700": (6, 0, 2),  # 呼伦贝尔市
    "152200": (7, 1, 1),  # 兴安盟
    "150500": (7, 2, 1),  # 通辽市
    "150400": (6, 2, 1),  # 赤峰市
    "152500": (4, 2, 2),  # 锡林郭勒盟
    "150900": (4, 3, 1),  # 乌兰察布市
    "150100": (3, 3, 1),  # 呼和浩特市
    "150200": (2, 3, 1),  # 包头市
    "150800": (1, 3, 1),  # 巴彦淖尔市
    "152900": (0, 3, 1),  # 阿拉善盟
    "150300": (1, 4, 1),  # 乌海市
    "150600": (2, 4, 2),  # 鄂尔多斯市
}
PARTNER_TILE = (5, 3, 1)  # 北京市: south of 锡林郭勒, east of 乌兰察布
MAP_COLUMNS, MAP_ROWS = 8, 5

# Five steps of blue; the text colour on each keeps WCAG AA contrast (≥ 4.5:1).
SCALE = (
    ("#e3edf7", "#1d1d1f"),
    ("#b7d0ea", "#1d1d1f"),
    ("#7fa8d6", "#1d1d1f"),
    ("#3d6fa8", "#ffffff"),
    ("#0b3a6b", "#ffffff"),
)
EMPTY = ("#f4f5f7", "#55595f")


@dataclass(frozen=True)
class Tile:
    name: str
    count: int
    href: str
    x: float
    y: float
    width: float
    height: float
    fill: str
    ink: str
    partner: bool = False

    @property
    def cx(self) -> float:
        return self.x + self.width / 2

    @property
    def cy(self) -> float:
        return self.y + self.height / 2


@dataclass(frozen=True)
class TileMap:
    tiles: list[Tile]
    width: float
    height: float
    legend: list[tuple[str, str, str]]  # (fill, ink, range label)


def _box(column: int, row: int, span: int) -> tuple[float, float, float, float]:
    return (
        column * (TILE_W + TILE_GAP),
        row * (TILE_H + TILE_GAP),
        span * TILE_W + (span - 1) * TILE_GAP,
        TILE_H,
    )


def _steps(top: int) -> list[int]:
    """Upper bounds of the five colour steps (at least 1 apart)."""
    return [max(i, round(top * i / len(SCALE))) for i in range(1, len(SCALE) + 1)]


def _colour(count: int, bounds: list[int]) -> tuple[str, str]:
    if count <= 0:
        return EMPTY
    for (fill, ink), bound in zip(SCALE, bounds, strict=True):
        if count <= bound:
            return fill, ink
    return SCALE[-1]


def tile_map(leagues: Sequence[tuple[str, str, int, str]], partner: tuple[str, int, str] | None) -> TileMap:
    """(code, name, count, href) for each 盟市 and (name, count, href) for the partner city."""
    top = max([count for _, _, count, _ in leagues] or [0])
    bounds = _steps(top)
    tiles = []
    for code, name, count, href in leagues:
        if code not in LEAGUE_TILES:
            continue
        fill, ink = _colour(count, bounds)
        x, y, w, h = _box(*LEAGUE_TILES[code])
        tiles.append(Tile(name, count, href, x, y, w, h, fill, ink))
    if partner is not None:
        name, count, href = partner
        x, y, w, h = _box(*PARTNER_TILE)
        tiles.append(Tile(name, count, href, x, y, w, h, "#fbefe3", "#7a3e00", partner=True))
    legend, low = [], 1
    if top:
        for (fill, ink), bound in zip(SCALE, bounds, strict=True):
            if low > top:
                break
            bound = min(bound, top)
            if bound >= low:
                legend.append((fill, ink, f"{low}–{bound}" if bound > low else str(low)))
            low = bound + 1
    legend.insert(0, (*EMPTY, "0"))
    width = MAP_COLUMNS * (TILE_W + TILE_GAP) - TILE_GAP
    height = MAP_ROWS * (TILE_H + TILE_GAP) - TILE_GAP
    return TileMap(tiles, width=width, height=height, legend=legend)
