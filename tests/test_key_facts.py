"""A handful of checked facts per dataset, pinned so that an edit which breaks one is caught.

Each value was verified against the row's source when the row was added (see data/README.md).
"""

import pandas as pd
import pytest

from helpers import analysis, data


def one(dataset: str, **match) -> pd.Series:
    frame = data.load(dataset)
    for column, value in match.items():
        frame = frame[frame[column].astype(str) == str(value)]
    assert len(frame) == 1, f"{dataset}: expected one row matching {match}, found {len(frame)}"
    return frame.iloc[0]


def day(value) -> str:
    return f"{value:%Y-%m-%d}"


def test_countries_memberships():
    countries = data.load("countries")
    assert (countries["un_member"].sum(), countries["eu_member"].sum(),
            countries["nato_member"].sum(), countries["g20_member"].sum()) == (193, 27, 32, 19)
    assert not one("countries", country_code="XKX")["un_member"]
    assert one("countries", country_code="SWE")["nato_member"]


def test_administrations():
    assert day(one("administrations", administration_id="trump2")["term_start"]) == "2025-01-20"
    assert one("administrations", administration_id="bush")["party"] == "Republican"


@pytest.mark.parametrize("code, date", [("CRI", "2008-02-17"), ("USA", "2008-02-18"), ("DEU", "2008-02-20"),
                                        ("KEN", "2025-03-26"), ("BHS", "2025-12-19"), ("HND", "2010-09-03"),
                                        ("NIU", "2015-06-23")])
def test_kosovo_recognition_dates(code, date):
    row = one("kosovo_recognitions", country_code=code)
    assert day(row["recognised_on"]) == date and row["date_precision"] == "day"


def test_dates_known_only_to_the_month_say_so():
    table = data.load("kosovo_recognitions")
    assert (table["date_precision"] == "month").sum() == 15
    assert (table.loc[table["date_precision"] == "month", "recognised_on"].dt.day == 1).all()
    events = data.load("policy_events").set_index("event_id")
    assert day(events.loc["PE106", "date"]) == "2025-05-23"
    assert (day(events.loc["PE124", "date"]), events.loc["PE124", "date_precision"]) == ("2020-06-06", "day")  # the issue: 6 June, not 1 June
    assert events.loc["PE083", "date_precision"] == "month"
    assert day(events.loc["PE112", "date"]) > "2026-01-09"


def test_kosovo_recognitions_counts_and_contested_withdrawals():
    assert analysis.non_recognising("eu") == ["Cyprus", "Greece", "Romania", "Slovakia", "Spain"]
    assert {"China", "Russia"} <= set(analysis.non_recognising("g20"))
    assert one("kosovo_recognitions", country_code="SUR")["withdrawal_status"] == "contested"
    assert one("kosovo_recognitions", country_code="GNB")["withdrawal_status"] == "reaffirmed"
    assert "SRB" not in set(data.load("kosovo_recognitions")["country_code"])


def test_published_counts_keep_both_reports():
    serbia = one("kosovo_recognition_counts", count_id="KC02")
    assert (serbia["figure"], serbia["alt_figure"]) == (84, 94)
    assert one("kosovo_recognition_counts", count_id="KC01")["figure"] == 121


def test_policy_events():
    events = data.load("policy_events")
    assert len(events) >= 100 and set(events["administration"].astype(str)) == {
        "hwbush", "clinton", "bush", "obama", "trump1", "biden", "trump2"}
    recognition = events[events["short_label"] == "US recognises Kosovo"].iloc[0]
    assert day(recognition["date"]) == "2008-02-18" and recognition["administration"] == "bush"
    assert day(events[events["short_label"] == "Washington economic deal signed"].iloc[0]["date"]) == "2020-09-04"
    assert day(events[events["short_label"] == "US suspends Kosovo dialogue"].iloc[0]["date"]) == "2025-09-12"
    assert "strategic" in events[events["short_label"] == "US suspends Kosovo dialogue"].iloc[0]["summary_short"]


def test_roll_call_votes():
    montenegro = one("roll_call_votes", vote_id="RC02")
    assert (day(montenegro["date"]), montenegro["yeas"], montenegro["nays"]) == ("2017-03-28", 97, 2)
    air_campaign = one("roll_call_votes", vote_id="RC06")
    assert (air_campaign["yeas"], air_campaign["nays"], air_campaign["chamber"]) == (58, 41, "Senate")
    assert one("roll_call_votes", vote_id="RC10")["result"] == "tie"
    assert pd.isna(one("roll_call_votes", vote_id="RC01")["yeas"])  # no tally found: left empty, not invented


def test_sanctions():
    dodik = data.load("sanctions").query("target_name == 'Milorad Dodik'").sort_values("date")
    assert [day(d) for d in dodik["date"]] == ["2017-01-17", "2022-01-05", "2025-10-29"]
    assert list(dodik["action"]) == ["designation", "designation", "delisting"]
    assert list(dodik["administration"].astype(str)) == ["obama", "biden", "trump2"]
    assert day(one("sanctions", action_id="SA049")["date"]) == "2025-01-10"


def test_eu_accession():
    assert day(one("eu_accession", country_code="SRB", milestone="application")["date"]) == "2009-12-22"
    assert day(one("eu_accession", country_code="HRV", milestone="accession")["date"]) == "2013-07-01"
    opened = one("eu_accession", country_code="SRB", milestone="chapters_opened")
    assert opened["value"] == 22 and day(opened["as_of"]) == "2025-11-04"
    counts = data.load("eu_accession").query("milestone.str.startswith('chapters') or milestone == 'clusters_opened'")
    assert counts["as_of"].notna().all(), "a count without its as-of date"


def test_conflicts_keep_the_estimating_body_and_the_discredited_figure():
    assert one("conflicts", estimate_id="CF06")["point"] == 104732
    discredited = one("conflicts", estimate_id="CF09")
    assert (discredited["status"], discredited["low"], discredited["high"]) == ("discredited", 200000, 250000)
    assert data.load("conflicts")["estimating_body"].notna().all()


def test_public_opinion_and_trade():
    albania = data.load("public_opinion").query(
        "poll_id == 'iri-wb-2024' and country_code == 'ALB' and answer == 'would vote to join'")
    assert albania["percent"].tolist() == [92]
    eu_exports = one("trade_shares", country_code="WB6", year=2017, partner="EU", flow="exports")
    assert eu_exports["share_percent"] == 70


def test_troops_and_institutions():
    ifor = one("troop_presence", force="IFOR", as_of="1995-12-14")
    assert (ifor["total_troops"], ifor["us_troops"]) == (60000, 20000)
    assert one("institutions", instrument="Treaty ratification (advice and consent)")["holder"].startswith("Senate")


def test_every_claim_has_tagged_evidence():
    tagged = set()
    for name in data.dataset_names():
        frame = data.load(name)
        if "claim_list" in frame.columns:
            tagged.update(claim for claims in frame["claim_list"] for claim in claims)
    assert set(data.load("claims")["claim_id"]) <= tagged


def test_sanctions_and_us_actions_agree_since_the_election():
    """Every designation or delisting since the election is in both tables, on the same day."""
    sanctions = data.load("sanctions")
    changes = sanctions[sanctions["action"].isin(["designation", "delisting"])
                        & (sanctions["date"] > analysis.ESSAY_PERIOD[1])]
    events = data.load("policy_events").set_index("event_id")
    assert set(changes["date"]) <= set(events[events["institution"] == "Treasury/OFAC"]["date"])
    designations_and_delistings = ["PE301", "PE035", "PE306", "PE044", "PE045"]
    assert set(events.loc[designations_and_delistings, "date"]) <= set(changes["date"])
    delisted = set(changes[changes["date"] == "2025-10-17"]["target_name"].astype(str))
    assert delisted == {"Jelena Pajić Baštinac", "Danijel Dragičević", "Goran Raković", "Dijana Milanković"}
    assert "Milorad Dodik" in set(changes[changes["date"] == "2025-10-29"]["target_name"].astype(str))


def test_every_sanctions_round_is_a_us_action_on_the_same_day():
    """Each date and kind of sanctions action (designations, delistings, visa bans, deferrals) has a row in
    policy_events that day, from the institution that holds the instrument: the two tables tell one story."""
    sanctions = data.load("sanctions")
    events = data.load("policy_events")
    # The State Department announces some designations itself (the 2001-2002 listings under EO 13219 reached
    # the press through its embassy and spokesman); visa bans are its own instrument.
    holder = {"designation": {"Treasury/OFAC", "White House", "State Department"}, "delisting": {"Treasury/OFAC"},
              "sanctions_deferred": {"Treasury/OFAC"}, "visa_ban": {"State Department"}}
    missing = {f"{day:%Y-%m-%d} {action}" for (day, action), _ in sanctions.groupby(["date", "action"], observed=True)
               if not ((events["date"] == day) & events["institution"].isin(holder[str(action)])).any()}
    assert not missing, f"sanctions rounds with no US action that day in policy_events: {sorted(missing)}"
    # Who announced them, checked in data/verification/sanctions_rounds_as_us_actions.md.
    by_id = events.set_index("event_id")
    assert (by_id.loc["PE663", "institution"], str(by_id.loc["PE663", "date"].date())) == ("State Department", "2018-09-10")
    assert (by_id.loc["PE671", "institution"], str(by_id.loc["PE671", "date"].date())) == ("Treasury/OFAC", "2023-03-15")
    assert (by_id.loc["PE674", "institution"], str(by_id.loc["PE674", "date"].date())) == ("Treasury/OFAC", "2024-03-13")
    assert set(sanctions[sanctions["date"] == "2024-03-13"]["source_id"]) == {"treasury-2024-jy2175"}
    # 16 November 2023: the Treasury designated in Bosnia, Montenegro and North Macedonia, the State Department in Serbia.
    assert {(by_id.loc[e, "institution"], by_id.loc[e, "country"]) for e in ("PE687", "PE688")} == {
        ("Treasury/OFAC", "REGION"), ("State Department", "SRB")}


def test_eu_chapters_and_the_moments_that_held_the_road_up():
    # Verified by the helpers who added the rows (data/verification/eu_accession_chapters.md, accession_causes.md)
    # and again by the second reading of notebooks 05 and 06.
    montenegro = one("eu_chapters", step_id="CH016")
    assert (montenegro["country_code"], day(montenegro["date"]), montenegro["chapters_closed_total"]) == ("MNE", "2026-03-17", 14)
    assert one("eu_chapters", step_id="CH027")["chapters_opened_total"] == 22  # Serbia, Cluster 4, 14 December 2021
    assert day(one("eu_accession", country_code="HRV", milestone="negotiations_closed")["date"]) == "2011-06-30"
    assert day(one("context_events", context_id="CE920")["date"]) == "2011-12-05"  # the ICJ's Interim Accord judgment
    assert day(one("context_events", context_id="CE921")["date"]) == "2021-04-12"  # the EU will not repay the loan
    assert day(one("context_events", context_id="CE915")["date"]) == "2025-11-17"  # Albania opens its last cluster
    loan = one("investment_projects", project_id="inv-mne-bar-boljare-2014")
    assert (loan["currency"], float(loan["conversion_rate"]), float(loan["amount_eur_million"])) == ("USD", 1.2598, 749.3)
    assert one("public_opinion", poll_id="iri-wb-2024", country_code="XKX", answer="United States")["percent"] == 80


def test_the_washington_commitments_one_row_each_with_what_became_of_them():
    # Checked in data/verification/washington_commitments.md.
    table = data.load("washington_commitments").set_index("commitment_id")
    moratorium = table.loc["WC12"]
    assert (moratorium["provision"], moratorium["signed_by"]) == ("15", "both")
    assert (moratorium["serbia_status"], moratorium["kosovo_status"]) == ("kept", "kept")
    assert day(moratorium["outcome_date"]) == "2021-09-04"  # the year ran out; what followed is in the outcome
    assert day(one("washington_commitments", commitment_id="WC15")["outcome_date"]) == "2021-02-01"  # Kosovo-Israel relations
    embassy = one("washington_commitments", commitment_id="WC14")
    assert (embassy["serbia_status"], embassy["kosovo_status"]) == ("not_kept", "not_a_party")
    mini_schengen = table.loc["WC04"]
    assert (mini_schengen["serbia_status"], mini_schengen["kosovo_status"]) == ("kept", "not_kept")
    assert set(table["signed_by"]) <= {"Serbia", "Kosovo", "both"} and len(table) >= 18


def test_each_side_of_a_washington_commitment_is_judged_by_the_same_rule():
    # One status per side, so neither side's step lifts or sinks the other's; a side has a status
    # other than not_a_party exactly when the point is in its document.
    table = data.load("washington_commitments")
    for row in table.itertuples():
        for side, status in (("Serbia", row.serbia_status), ("Kosovo", row.kosovo_status)):
            in_its_document = row.signed_by in (side, "both")
            assert (status != "not_a_party") == in_its_document, (row.commitment_id, side, status)
            if status == "unclear":
                assert f"no source read on {side}".lower() in (row.outcome + " " + row.note).lower(), \
                    (row.commitment_id, f"an unclear status for {side} must say that no source was read on its part")

# Issue 9, section 3: the history the first check found missing, each row dated to the day
# (checked as data/verification/history_v2.md says).
HISTORY = [
    ("context_events", "context_id", "CE501", "1991-09-25"),  # UN arms embargo (resolution 713)
    ("policy_events", "event_id", "PE501", "1992-04-07"),  # US recognises Bosnia and Herzegovina, Croatia, Slovenia
    ("context_events", "context_id", "CE502", "1992-05-30"),  # UN sanctions on Yugoslavia (resolution 757)
    ("policy_events", "event_id", "PE502", "1992-05-30"),  # US sanctions (EO 12808), hours after the UN vote
    ("context_events", "context_id", "CE503", "1995-07-11"),  # Srebrenica
    ("policy_events", "event_id", "PE503", "1995-07-21"),  # London conference
    ("context_events", "context_id", "CE504", "1995-08-04"),  # Operation Storm
    ("policy_events", "event_id", "PE504", "1995-09-13"),  # Greece-Macedonia interim accord
    ("context_events", "context_id", "CE558", "2018-06-17"),  # Prespa agreement
    ("policy_events", "event_id", "PE505", "1998-10-13"),  # October 1998 agreement
    ("context_events", "context_id", "CE505", "1998-10-25"),  # OSCE Kosovo Verification Mission
    ("context_events", "context_id", "CE301", "1999-01-15"),  # Račak
    ("context_events", "context_id", "CE563", "1999-02-06"),  # Rambouillet talks open
    ("context_events", "context_id", "CE506", "1999-06-09"),  # Kumanovo agreement
    ("context_events", "context_id", "CE001", "1999-06-10"),  # resolution 1244
    ("context_events", "context_id", "CE551", "1999-06-10"),  # Stability Pact
    ("context_events", "context_id", "CE552", "2003-06-21"),  # Thessaloniki summit
    ("context_events", "context_id", "CE553", "2001-06-28"),  # Milošević to The Hague
    ("context_events", "context_id", "CE554", "2008-07-30"),  # Karadžić
    ("context_events", "context_id", "CE555", "2011-05-31"),  # Mladić
    ("context_events", "context_id", "CE556", "2008-12-09"),  # EULEX
    ("context_events", "context_id", "CE557", "2011-03-08"),  # EU-facilitated dialogue begins
    ("context_events", "context_id", "CE015", "2023-03-18"),  # Ohrid
    ("context_events", "context_id", "CE559", "2019-10-18"),  # France blocks the opening of talks
    ("context_events", "context_id", "CE560", "2020-11-17"),  # Bulgaria's veto
    ("context_events", "context_id", "CE561", "2022-07-16"),  # ... lifted
    ("context_events", "context_id", "CE562", "2024-03-21"),  # EU to open negotiations with Bosnia and Herzegovina
]


@pytest.mark.parametrize("dataset, key, row_id, date", HISTORY, ids=[row[2] for row in HISTORY])
def test_the_missing_history_is_in_with_its_day(dataset, key, row_id, date):
    row = one(dataset, **{key: row_id})
    assert (day(row["date"]), row["date_precision"]) == (date, "day")
    assert row["claim_ids"], f"{row_id} is tagged to no claim"
