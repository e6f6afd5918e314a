"""The winset geometry against cases computed by hand."""

import math

import pytest

from helpers import veto


def test_one_veto_player_gives_the_disc_through_the_status_quo():
    region = veto.winset({"President": (3, 4)}, (0, 0))
    assert veto.area(region) == pytest.approx(math.pi * 25, rel=1e-3)  # radius 5: |(3, 4) - (0, 0)|
    assert all(math.dist(p, (3, 4)) == pytest.approx(5) for p in region)


def test_two_players_on_either_side_of_the_status_quo_leave_nothing():
    assert veto.winset({"President": (0, 5), "Senate": (10, 5)}, (5, 5)) == []


def test_a_status_quo_at_an_ideal_point_cannot_be_changed():
    players = {"President": (2, 2), "Senate pivot": (6, 8), "House": (8, 8)}
    for ideal in players.values():  # whichever player's point it is, first or last in the order
        assert veto.winset(players, ideal) == [], ideal
    assert veto.preferred_set((2, 2), (2, 2)) == []


def test_two_equal_discs_overlap_in_a_lens_of_known_area():
    # Ideal points 2 apart, status quo on the perpendicular bisector at distance 2 from each:
    # both discs have radius 2 and centres 2 apart, so the lens is 2 r^2 acos(d/2r) - (d/2) sqrt(4r^2 - d^2).
    r, d = 2.0, 2.0
    lens = 2 * r ** 2 * math.acos(d / (2 * r)) - (d / 2) * math.sqrt(4 * r ** 2 - d ** 2)
    region = veto.winset({"A": (0, 0), "B": (2, 0)}, (1, math.sqrt(3)))
    assert veto.area(region) == pytest.approx(lens, rel=2e-3)


def test_each_added_veto_player_can_only_shrink_the_winset():
    sq = (5, 2)
    one = veto.winset({"President": (3, 7)}, sq)
    two = veto.winset({"President": (3, 7), "Senate": (7, 6)}, sq)
    three = veto.winset({"President": (3, 7), "Senate": (7, 6), "House": (5, 8)}, sq)
    assert veto.area(one) > veto.area(two) and 0 < veto.area(three) <= veto.area(two) + 1e-9


def test_every_point_of_the_winset_is_closer_to_every_ideal_than_the_status_quo():
    ideals, sq = {"President": (2, 6), "Senate": (6, 7), "House": (4, 9)}, (4, 3)
    for point in veto.winset(ideals, sq):
        for ideal in ideals.values():
            assert math.dist(point, ideal) <= math.dist(sq, ideal) + 1e-9


def test_no_veto_player_is_an_error():
    with pytest.raises(ValueError, match="at least one veto player"):
        veto.winset({}, (0, 0))


def test_the_share_of_the_space_counts_only_what_lies_inside_it():
    corner = veto.winset({"President": (0, 0)}, (2, 0))  # a disc of radius 2 centred on a corner
    assert veto.area(corner) == pytest.approx(math.pi * 4, rel=1e-3)
    assert veto.share_of_space(corner) == pytest.approx(math.pi * 4 / 4 / 100, rel=1e-3)  # a quarter of it is inside
