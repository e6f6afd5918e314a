"""The veto-players model (George Tsebelis, *Veto Players*, 2002), in two dimensions.

Each veto player has an ideal policy (a point) and prefers any policy closer to it than
the status quo: the open disc centred on the ideal point through the status quo. A change
needs every veto player's agreement, so the policies that can replace the status quo (its
**winset**) are the intersection of those discs. More veto players, or players further
apart, leave a smaller winset: policy is more stable. The model assumes round
(Euclidean) preferences, fixed ideal points, full information and no side payments.

Discs are drawn as regular polygons with many sides; their intersection is exact for
polygons (convex clipping), so areas are within a fraction of a percent of the true ones.
"""

from __future__ import annotations

import math

Point = tuple[float, float]
SIDES = 96  # polygon sides per disc: the area is within 0.1% of the disc's; 240 sides cost 6x the time


def preferred_set(ideal: Point, status_quo: Point, sides: int = SIDES) -> list[Point]:
    """The policies a player prefers to the status quo: a disc through it, as a polygon (counter-clockwise)."""
    radius = math.dist(ideal, status_quo)
    if radius == 0:
        return []  # the status quo is the player's ideal: nothing is better
    return [(ideal[0] + radius * math.cos(2 * math.pi * k / sides), ideal[1] + radius * math.sin(2 * math.pi * k / sides))
            for k in range(sides)]


def _clip(subject: list[Point], clip: list[Point]) -> list[Point]:
    """Sutherland-Hodgman: the part of a polygon inside a convex counter-clockwise polygon."""
    def inside(p: Point, a: Point, b: Point) -> bool:
        return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) > 1e-12

    def crossing(p: Point, q: Point, a: Point, b: Point) -> Point:
        dx, dy = q[0] - p[0], q[1] - p[1]
        ex, ey = b[0] - a[0], b[1] - a[1]
        t = (ex * (p[1] - a[1]) - ey * (p[0] - a[0])) / (ey * dx - ex * dy)
        return (p[0] + t * dx, p[1] + t * dy)

    output = subject
    for a, b in zip(clip, clip[1:] + clip[:1]):
        points, output = output, []
        for p, q in zip(points, points[1:] + points[:1]):
            if inside(q, a, b):
                if not inside(p, a, b):
                    output.append(crossing(p, q, a, b))
                output.append(q)
            elif inside(p, a, b):
                output.append(crossing(p, q, a, b))
        if not output:
            return []
    return output


def area(polygon: list[Point]) -> float:
    """Shoelace area of a simple polygon (0 for fewer than three points)."""
    if len(polygon) < 3:
        return 0.0
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1]))) / 2


def winset(ideals: dict[str, Point], status_quo: Point, sides: int = SIDES) -> list[Point]:
    """The policies every veto player prefers to the status quo, as a polygon ([] when there are none).

    With one player it is that player's disc; it is empty when the status quo is a player's
    ideal point, or lies between two players on the line that joins them.
    """
    if not ideals:
        raise ValueError("A winset needs at least one veto player.")
    region: list[Point] | None = None
    for ideal in ideals.values():
        disc = preferred_set(ideal, status_quo, sides)
        if not disc:
            return []  # the status quo is this player's ideal point: the player vetoes every change
        region = disc if region is None else _clip(region, disc)
        if not region:
            return []
    region = region or []
    return region if area(region) > 1e-9 else []


def within(polygon: list[Point], low: float = 0, high: float = 10) -> list[Point]:
    """The part of a polygon inside the square policy space [low, high]^2 (counter-clockwise clip)."""
    square = [(low, low), (high, low), (high, high), (low, high)]
    return _clip(polygon, square) if polygon else []


def share_of_space(polygon: list[Point], low: float = 0, high: float = 10) -> float:
    """The share of the square policy space [low, high]^2 that the polygon covers (the part outside is not counted)."""
    return area(within(polygon, low, high)) / (high - low) ** 2
