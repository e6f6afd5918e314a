"""Turn the datasets into the numbers and tables a notebook shows.

Pure functions of the loaded data: no widgets, no drawing. Each one is small enough to
check by hand against the CSV files, which is what the unit tests do.
"""

from __future__ import annotations

import pandas as pd

from . import data

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


def withdrawal_claimed_years() -> dict[str, int]:
    """country_code -> year in which Serbia claims the state withdrew (states not reaffirmed)."""
    table = data.load("kosovo_recognitions")
    table = table[table["withdrawal_status"].isin(WITHDRAWN_CLAIMED)]
    claimed = table["withdrawal_claimed_on"].fillna(table["recognised_on"])
    return dict(zip(table["country_code"].astype(str), claimed.dt.year.astype(int)))


def recognition_counts_sentence(group: str = "un") -> str:
    """Both ways of counting, in two lines, for a pinned notebook output."""
    every = recognition_count(group, count_claimed_withdrawals=True)
    serbia = recognition_count(group, count_claimed_withdrawals=False)
    size = group_size(group)
    return (
        f"{group_label(group, start_of_sentence=True)} that have formally recognised Kosovo: {every} of {size} "
        f"(Kosovo's count: a recognition stands).\n"
        f"Leaving out the {every - serbia} whose withdrawal Serbia claims: {serbia} of {size} (Serbia's count)."
    )


def recognition_years() -> dict[str, int]:
    """country_code -> year of recognition, for the map."""
    table = data.load("kosovo_recognitions")
    return dict(zip(table["country_code"].astype(str), table["recognised_on"].dt.year.astype(int)))


def claimed_withdrawals() -> pd.DataFrame:
    """States whose withdrawal of recognition Serbia claims, with status and sources."""
    table = data.load("kosovo_recognitions")
    table = table[table["withdrawal_status"] != "none"]
    return table.sort_values("withdrawal_claimed_on")[
        ["country_name", "recognised_on", "withdrawal_claimed_on", "withdrawal_status", "withdrawal_source_id", "note"]
    ].reset_index(drop=True)


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
    return chosen.sort_values("date")[
        ["event_id", "date", "administration", "institution", "short_label", "summary", "direction", "source_id"]
    ].reset_index(drop=True)


def events_for_claim(claim_id: str, direction: str | tuple[str, ...] | None = None) -> pd.DataFrame:
    """US actions tagged with a claim id, optionally only those with the given direction(s)."""
    chosen = filter_events(claim_id=claim_id)
    if direction is not None:
        wanted = (direction,) if isinstance(direction, str) else direction
        chosen = chosen[chosen["direction"].isin(wanted)].reset_index(drop=True)
    return chosen


def direction_summary(claim_id: str) -> str:
    """'Of the N US actions tagged C3, A continue the previous line, B depart, C are mixed.'"""
    events = events_for_claim(claim_id)
    counts = events["direction"].value_counts()
    by_admin = events.groupby("administration", observed=True)["direction"].apply(
        lambda d: f"{(d == 'continues').sum()}/{len(d)}")
    per_admin = "; ".join(f"{admin}: {share}" for admin, share in by_admin.items())
    return (
        f"Of the {len(events)} US actions tagged {claim_id}, {counts.get('continues', 0)} continue the previous line, "
        f"{counts.get('departs', 0)} depart from it and {counts.get('mixed', 0)} are mixed.\n"
        f"Continuing actions per administration: {per_admin}."
    )


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


def reported_counts() -> pd.DataFrame:
    """Headline figures published by each side and by third parties, oldest first."""
    counts = data.load("kosovo_recognition_counts")
    return counts.sort_values("as_of", na_position="last")[
        ["side", "claimant", "figure", "alt_figure", "what_is_counted", "as_of", "source_id", "note"]
    ].reset_index(drop=True)


DIRECTIONS = ("continues", "departs", "mixed")
def event_countries() -> dict[str, str]:
    """Codes that policy_events uses, with names from countries.csv (in the schema's order)."""
    fields = data.dataset_info("policy_events")["schema"]["fields"]
    codes = next(f for f in fields if f["name"] == "country")["constraints"]["enum"]
    countries = data.load("countries")
    names = dict(zip(countries["country_code"].astype(str), countries["country_name"].astype(str)))
    return {code: names.get(code, "the region as a whole") for code in codes}  # REGION has no country row


def filter_events(country: str = "all", administration: str = "all", pillar: str = "all",
                  claim_id: str | None = None, only_changes: bool = False) -> pd.DataFrame:
    """US actions matching every filter given ('all' leaves a filter out), oldest first."""
    events = data.load("policy_events")
    if country != "all":
        events = events[events["country"] == country]
    if administration != "all":
        events = events[events["administration"] == administration]
    if pillar != "all":
        events = events[events["pillar"] == pillar]
    if claim_id:
        events = events[events["claim_list"].apply(lambda ids: claim_id in ids)]
    if only_changes:
        events = events[events["direction"] != "continues"]
    return events.sort_values("date").reset_index(drop=True)


def direction_counts_sentence(events: pd.DataFrame) -> str:
    """'12 US actions: 7 continue the previous line, 2 depart from it, 3 are mixed.'"""
    if events.empty:
        return "No US action in the table matches these filters."
    counts = events["direction"].value_counts()
    return (f"{len(events)} US action{'s' if len(events) != 1 else ''}: {counts.get('continues', 0)} continue the "
            f"previous line, {counts.get('departs', 0)} depart from it, {counts.get('mixed', 0)} are mixed.")
