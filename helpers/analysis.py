"""Turn the datasets into the numbers and tables a notebook shows.

Pure functions of the loaded data: no widgets, no drawing. Each one is small enough to
check by hand against the CSV files, which is what the unit tests do.
"""

from __future__ import annotations

import pandas as pd

from . import charts, data

# Groups of states a student can filter by; the flag is a column of countries.csv.
GROUPS = {
    "all": ("states and entities", None),
    "un": ("UN member states", "un_member"),
    "eu": ("EU member states", "eu_member"),
    "nato": ("NATO members", "nato_member"),
    "g20": ("G20 member states", "g20_member"),
}
# Statuses whose recognition Serbia says is withdrawn. 'reaffirmed' counts as recognised.
WITHDRAWN_CLAIMED = ("contested", "confirmed")


def _group_flag(group: str) -> str | None:
    if group not in GROUPS:
        raise ValueError(f"Unknown group {group!r}; choose one of {', '.join(GROUPS)}.")
    return GROUPS[group][1]


def group_label(group: str, start_of_sentence: bool = False) -> str:
    label = GROUPS[group][0] if group in GROUPS else group
    return label[0].upper() + label[1:] if start_of_sentence else label


def group_size(group: str) -> int | None:
    """How many states belong to the group today (None for 'all': there is no fixed total)."""
    flag = _group_flag(group)
    if flag is None:
        return None
    return int(data.load("countries")[flag].sum())


def recognitions(group: str = "all", count_claimed_withdrawals: bool = True) -> pd.DataFrame:
    """Recognitions by states of a group, oldest first, with a running total.

    With count_claimed_withdrawals=False (Serbia's way of counting), a state whose
    withdrawal Serbia claims, and that has not reaffirmed, leaves the total again on the
    date of the claimed withdrawal: that row has change -1.
    """
    flag = _group_flag(group)
    table = data.load("kosovo_recognitions").merge(data.load("countries"), on="country_code", how="left",
                                                   suffixes=("", "_country"))
    if flag is not None:
        table = table[table[flag]]
    steps = [table.assign(date=table["recognised_on"], change=1)]
    if not count_claimed_withdrawals:
        withdrawn = table[table["withdrawal_status"].isin(WITHDRAWN_CLAIMED)]
        undated = withdrawn[withdrawn["withdrawal_claimed_on"].isna()]
        # A claimed withdrawal without a date counts as withdrawn from the day of recognition.
        steps = [table[~table.index.isin(undated.index)].assign(date=lambda t: t["recognised_on"], change=1),
                 withdrawn.dropna(subset=["withdrawal_claimed_on"]).assign(
                     date=lambda t: t["withdrawal_claimed_on"], change=-1)]
    result = pd.concat(steps).sort_values(["date", "change", "country_name"], ascending=[True, False, True])
    result = result.reset_index(drop=True)
    result["cumulative"] = result["change"].cumsum()
    return result[["date", "country_code", "country_name", "withdrawal_status", "change", "cumulative"]]


def recognition_count(group: str = "un", count_claimed_withdrawals: bool = True, up_to_year: int | None = None) -> int:
    """How many states of the group recognised Kosovo by the end of a year (default: by now)."""
    table = recognitions(group, count_claimed_withdrawals)
    if up_to_year is not None:
        table = table[table["date"].dt.year <= up_to_year]
    return int(table["cumulative"].iloc[-1]) if not table.empty else 0


def withdrawal_claims() -> dict[str, tuple[int, str]]:
    """country_code -> (year Serbia claims the state withdrew, status), for states not reaffirmed."""
    table = data.load("kosovo_recognitions")
    table = table[table["withdrawal_status"].isin(WITHDRAWN_CLAIMED)]
    claimed = table["withdrawal_claimed_on"].fillna(table["recognised_on"])
    return {code: (int(year), str(status)) for code, year, status in
            zip(table["country_code"].astype(str), claimed.dt.year, table["withdrawal_status"])}


def withdrawal_claimed_years() -> dict[str, int]:
    """country_code -> year in which Serbia claims the state withdrew (states not reaffirmed)."""
    return {code: year for code, (year, _status) in withdrawal_claims().items()}


BASIS_WORDS = {
    "state_itself": "the state's own statement or record",
    "independent": "independent reports",
    "kosovo_only": "Kosovo's government only: the date is its claim",
    "serbia_only": "Serbia's government or state media only (a claim)",
}
WITHDRAWAL_STATUS_WORDS = {
    "contested": "claimed by Serbia, disputed by Kosovo; no public statement by the state that we could find",
    "confirmed": "confirmed by the state itself",
    "reaffirmed": "claimed by Serbia, later reaffirmed by the state (counts as recognised)",
}


def withdrawal_counts_sentence() -> str:
    """How the withdrawal figures relate: our rows by status, and Serbia's published total."""
    table = data.load("kosovo_recognitions")
    claimed = table[table["withdrawal_status"] != "none"]
    by_status = claimed["withdrawal_status"].value_counts()
    serbia = reported_counts(of_withdrawals=True)
    serbia_text = ""
    if not serbia.empty:
        row = serbia.iloc[0]
        serbia_text = (f" Serbia's foreign ministry gave a total of {int(row['figure'])} withdrawals or suspensions "
                       f"in {row['as_of']:%B %Y}; the names Serbia has published add up to {len(claimed)}, and no "
                       f"source we read names the remaining {int(row['figure']) - len(claimed)}.")
    return (f"Our table has {len(claimed)} states whose withdrawal Serbia has claimed: "
            f"{by_status.get('contested', 0)} disputed, {by_status.get('confirmed', 0)} confirmed by the state "
            f"itself and {by_status.get('reaffirmed', 0)} that later reaffirmed its recognition. Serbia's way of "
            f"counting leaves out the {by_status.get('contested', 0) + by_status.get('confirmed', 0)} that did not "
            f"reaffirm.{serbia_text}")


def recognition_years() -> dict[str, int]:
    """country_code -> year of recognition, for the map."""
    table = data.load("kosovo_recognitions")
    return dict(zip(table["country_code"].astype(str), table["recognised_on"].dt.year.astype(int)))


def claimed_withdrawals() -> pd.DataFrame:
    """States whose withdrawal of recognition Serbia claims, with status and sources."""
    table = data.load("kosovo_recognitions")
    table = table[table["withdrawal_status"] != "none"]
    return table.sort_values("withdrawal_claimed_on")[
        ["country_name", "recognised_on", "date_precision", "recognition_basis", "withdrawal_claimed_on",
         "withdrawal_status", "withdrawal_basis", "withdrawal_source_id", "note"]
    ].reset_index(drop=True)


def recognitions_resting_on(basis: str, group: str = "un") -> int:
    """How many of a group's recognitions rest on one kind of evidence (e.g. kosovo_only)."""
    flag = _group_flag(group)
    table = data.load("kosovo_recognitions").merge(data.load("countries"), on="country_code", suffixes=("", "_c"))
    if flag is not None:
        table = table[table[flag]]
    return int((table["recognition_basis"] == basis).sum())


def non_recognising(group: str) -> list[str]:
    """Names of the group's states that never recognised Kosovo."""
    flag = _group_flag(group)
    countries = data.load("countries")
    members = countries[countries[flag]] if flag else countries
    recognised = set(data.load("kosovo_recognitions")["country_code"].astype(str))
    missing = members[~members["country_code"].isin(recognised) & (members["country_code"] != "XKX")]
    return sorted(missing["country_name"].astype(str))


def group_split_sentence(group: str, up_to_year: int) -> str:
    """'Of the N G20 member states, A had recognised Kosovo by YEAR (..); B had not (..).'"""
    flag = _group_flag(group)
    countries = data.load("countries")
    members = countries[countries[flag]] if flag else countries
    years = recognition_years()
    yes = sorted(n for c, n in zip(members["country_code"], members["country_name"]) if years.get(c, 9999) <= up_to_year)
    no = sorted(n for c, n in zip(members["country_code"], members["country_name"]) if years.get(c, 9999) > up_to_year)
    return (
        f"Of the {len(members)} {group_label(group)}, {len(yes)} had recognised Kosovo by the end of "
        f"{up_to_year} ({', '.join(yes) or 'none'}); {len(no)} had not ({', '.join(no) or 'none'})."
    )


def us_milestones(countries: tuple[str, ...] = ("XKX", "SRB")) -> pd.DataFrame:
    """Landmark US actions for the given countries, oldest first."""
    events = data.load("policy_events")
    chosen = events[events["milestone"] & events["country"].isin(countries)]
    return chosen.sort_values("date").reset_index(drop=True)


def events_for_claim(claim_id: str, substance: str | tuple[str, ...] | None = None) -> pd.DataFrame:
    """US actions tagged with a claim id, optionally only those with the given substance code(s)."""
    chosen = filter_events(claim_id=claim_id)
    if substance is not None:
        wanted = (substance,) if isinstance(substance, str) else substance
        chosen = chosen[chosen["substance"].isin(wanted)].reset_index(drop=True)
    return chosen


def events_by_id(event_ids: list[str]) -> pd.DataFrame:
    """The given US actions, in the order given, with the words a student reads."""
    events = described_events(data.load("policy_events")).set_index("event_id", drop=False)
    missing = [i for i in event_ids if i not in events.index]
    if missing:
        raise KeyError(f"No event {', '.join(missing)} in data/policy_events.csv.")
    return events.loc[event_ids].reset_index(drop=True)


def claim(claim_id: str) -> str:
    """The claim, in our words, from data/claims.csv."""
    claims = data.load("claims").set_index("claim_id")
    if claim_id not in claims.index:
        raise ValueError(f"Unknown claim id {claim_id!r}; see data/claims.csv.")
    return str(claims.loc[claim_id, "claim"])


def claim_map() -> pd.DataFrame:
    """Every claim with the notebook that tests it (for the start notebook)."""
    claims = data.load("claims")
    claims["notebook"] = claims["notebook"].fillna("(being written)")
    return claims[["claim_id", "claim", "kind", "notebook"]]


def reported_counts(of_withdrawals: bool | None = None) -> pd.DataFrame:
    """Headline figures published by each side and by third parties, oldest first.

    of_withdrawals: True for the counts of withdrawals Serbia gives, False for counts of
    recognitions, None for both.
    """
    counts = data.load("kosovo_recognition_counts")
    if of_withdrawals is not None:
        counts = counts[counts["what_is_counted"].str.contains("withdrawals", na=False) == of_withdrawals]
    return counts.sort_values("as_of", na_position="last")[
        ["side", "claimant", "figure", "alt_figure", "what_is_counted", "as_of", "source_id", "alt_source_id", "note"]
    ].reset_index(drop=True)


# When the essay was written: autumn 2024, before the election of 5 November 2024. Only the
# season is known, so this is a period for shading, never a day to cite.
ESSAY_PERIOD = (pd.Timestamp("2024-09-01"), pd.Timestamp("2024-11-05"), "essay written (autumn 2024)")
DENSITY_CAVEAT = ("A count shows what we searched for and recorded, not everything that happened: recent "
                  "years are recorded more densely, and neglect does not show up as a row.")
PILLAR_WORDS = {
    "status_and_recognition": "Status and recognition", "mediation_and_dialogue": "Mediation and dialogue",
    "security_and_military": "Security and military", "sanctions": "Sanctions", "aid_and_economy": "Aid and economy",
    "democracy_and_rule_of_law": "Democracy and rule of law", "euro_atlantic_integration": "Euro-Atlantic integration",
}
SHOW = {"all": "Every action", "departs_or_unclear": "Substance departs, starts a new line or unclear", "tone_changed": "Tone changed"}


def after_essay(dates: pd.Series) -> pd.Series:
    """True for dates after the essay was written (after the 2024 election)."""
    return dates > ESSAY_PERIOD[1]


def administration_labels() -> dict[str, str]:
    """administration_id -> the words a student reads ('Trump, first term')."""
    terms = data.load("administrations")
    return dict(zip(terms["administration_id"].astype(str), terms["label"].astype(str)))


def event_countries() -> dict[str, str]:
    """Codes that policy_events uses, with names from countries.csv (in the schema's order)."""
    fields = data.dataset_info("policy_events")["schema"]["fields"]
    codes = next(f for f in fields if f["name"] == "country")["constraints"]["enum"]
    countries = data.load("countries")
    names = dict(zip(countries["country_code"].astype(str), countries["country_name"].astype(str)))
    return {code: names.get(code, "the region as a whole") for code in codes}  # REGION has no country row


# Serbia's and Montenegro's state before 2006, by the day its name changed: a 1999 action on 'Serbia' was on
# the Federal Republic of Yugoslavia. Dates checked on 2026-12-02 against archontology.org (Serbia: polity
# style) and the Constitutional Charter's proclamation (paragraf.rs): FRY constitution 27 April 1992, state
# union 4 February 2003, Montenegro's declaration of independence 3 June 2006.
STATE_NAMES_BEFORE_2006 = [
    (pd.Timestamp("1992-04-27"), "the Socialist Federal Republic of Yugoslavia"),
    (pd.Timestamp("2003-02-04"), "the Federal Republic of Yugoslavia (Serbia and Montenegro)"),
    (pd.Timestamp("2006-06-03"), "Serbia and Montenegro"),
]


def country_name_then(code: str, date, names: dict[str, str]) -> str:
    """The name of the state as it was on the date: Serbia and Montenegro were one state until 2006."""
    if code in ("SRB", "MNE") and not pd.isna(date):
        for until, name in STATE_NAMES_BEFORE_2006:
            if date < until:
                return name
    return names.get(code, code)


def described_events(events: pd.DataFrame) -> pd.DataFrame:
    """Events with columns in words: when (as precise as known), administration_label, country_name."""
    labels, countries = administration_labels(), event_countries()
    return events.assign(
        when=[charts.format_date(d, p) for d, p in zip(events["date"], events["date_precision"])],
        administration_label=events["administration"].astype(str).map(labels),
        country_name=[country_name_then(str(c), d, countries) for c, d in zip(events["country"], events["date"])],
        after_essay=after_essay(events["date"]),
    )


def where(frame: pd.DataFrame, **filters: str) -> pd.DataFrame:
    """The rows whose column equals each value given; a value of 'all' leaves that filter out."""
    for column, value in filters.items():
        if value != "all":
            frame = frame[frame[column].astype(str) == value]
    return frame


def filter_events(country: str = "all", administration: str = "all", pillar: str = "all",
                  claim_id: str | None = None, show: str = "all", institution: str = "all") -> pd.DataFrame:
    """US actions matching every filter given ('all' leaves a filter out), oldest first.

    show: 'all', 'departs_or_unclear' (substance departs, starts or is unclear) or 'tone_changed'.
    """
    if show not in SHOW:
        raise ValueError(f"Unknown choice {show!r}; choose one of {', '.join(SHOW)}.")
    events = data.load("policy_events")
    if country != "all":
        events = events[events["country"] == country]
    if administration != "all":
        events = events[events["administration"] == administration]
    if pillar != "all":
        events = events[events["pillar"] == pillar]
    if institution != "all":
        events = events[events["institution"] == institution]
    if claim_id:
        events = events[data.tagged(events, claim_id)]
    if show == "departs_or_unclear":
        events = events[events["substance"].isin(["departs", "starts", "unclear"])]
    elif show == "tone_changed":
        events = events[events["tone"] == "changed"]
    return described_events(events.sort_values("date").reset_index(drop=True))


def coding_counts_sentence(events: pd.DataFrame) -> str:
    """Substance and tone counted apart, with the caveat that a count reflects where we searched."""
    if events.empty:
        return "No US action in the table matches these filters; set one of them back to 'All'."
    substance = events["substance"].value_counts()
    tone = events["tone"].value_counts()
    later = int(after_essay(events["date"]).sum())
    return (f"{len(events)} US action{'s' if len(events) != 1 else ''} ({later} after the essay). Substance, as we "
            f"coded it: {substance.get('continues', 0)} continue the previous line, {substance.get('departs', 0)} "
            f"depart, {substance.get('unclear', 0)} unclear, {substance.get('starts', 0)} start a new line. Tone: "
            f"changed in {tone.get('changed', 0)}, the same in {tone.get('same', 0)}, unclear in "
            f"{tone.get('unclear', 0)}. {DENSITY_CAVEAT}")
