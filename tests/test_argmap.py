"""The argument map: every claim drawn and listed, coloured by the student's ratings, linked to its notebook."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from helpers import argmap, data
from helpers.journal import Journal
from tests.conftest import REPO


def test_every_claim_is_drawn_and_listed_once():
    svg, outline = argmap.map_svg({}), argmap.map_outline({})
    ElementTree.fromstring(svg)  # well-formed: it renders as an image, not as broken markup
    for claim_id in data.load("claims")["claim_id"]:
        assert len(re.findall(rf">{claim_id} · ", svg)) == 1, claim_id
        assert f"<b>{claim_id}</b>" in outline
    assert sorted(c for _label, ids in argmap.GROUPS for c in ids) == sorted(
        set(data.load("claims")["claim_id"]) - {"T"})


def test_each_claim_links_to_a_notebook_that_exists():
    links = re.findall(r'href="([^"]+)"', argmap.map_outline({}))
    assert len(links) == data.load("claims")["notebook"].notna().sum()
    assert all((REPO / "notebooks" / link).exists() for link in links), links


def test_a_rated_claim_takes_its_colour_and_says_its_rating_in_words(journal_file):
    journal = Journal(journal_file)
    journal.record("rating", "C8", {"stars": 2, "reason": "Vetoes, but reforms too."})
    rated = argmap.ratings(journal)
    assert rated == {"C8": 2}
    svg = argmap.map_svg(rated)
    box = svg[svg.index(">C8 · ") - 400: svg.index(">C8 · ")]
    assert argmap.RATING_COLOURS[2] in box and 'stroke-dasharray=""' in box
    assert "your rating: 2/5, mostly against" in svg and "You have rated 1 of 13 claims" in svg
    assert svg.count("not rated yet") == 12


def test_an_unusable_rating_is_not_drawn(journal_file):
    journal = Journal(journal_file)
    journal.record("rating", "C3", {"stars": 9, "reason": "edited by hand"})
    assert argmap.ratings(journal) == {}


def test_the_map_is_titled_and_described_for_screen_readers():
    svg = argmap.map_svg({})
    assert 'role="img"' in svg and "<title" in svg and "rests on four strands" in svg
    assert "The map as text" in argmap.argument_map()
