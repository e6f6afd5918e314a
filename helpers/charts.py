"""Charts in one house style, each with a sentence that says what it shows.

Every chart function returns a ``Chart``: the matplotlib figure plus a plain-language
description. In a notebook a Chart shows as an image with that description as its alt
text and caption, so it reads the same on a screen reader, in exported HTML and on paper.

Colours are the Okabe-Ito palette, which stays distinguishable for the common forms of
colour blindness; sequential scales use cividis for the same reason.
"""

from __future__ import annotations

import base64
import html
import io
from contextlib import contextmanager
from dataclasses import dataclass, field

import matplotlib

matplotlib.use("Agg")  # charts are rendered to PNG ourselves; no GUI backend needed

import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.dates  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}
PALETTE = list(OKABE_ITO.values())
NEUTRAL = "#D9D9D9"  # no data / not (yet) recognised
KOSOVO_COLOUR = OKABE_ITO["purple"]  # outside cividis' blue-to-yellow range, so never mistaken for a year
# A claimed withdrawal's pattern by its status in kosovo_recognitions.csv ('reaffirmed' counts as recognised).
WITHDRAWAL_HATCHES = {"contested": "////", "confirmed": "xxxx"}
SEQUENTIAL = "cividis"

HOUSE_STYLE = {
    "font.size": 12,
    "axes.titlesize": 15,
    "axes.titleweight": "bold",
    "axes.labelsize": 13,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "legend.frameon": False,
    "figure.dpi": 100,
    "savefig.dpi": 100,
}


@contextmanager
def house_style():
    """Draw inside this block to get the house style."""
    with matplotlib.rc_context(HOUSE_STYLE):
        yield


@dataclass
class Chart:
    """A figure with a one-sentence text alternative and the data it plots."""

    figure: Figure
    description: str
    data: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def title(self) -> str:
        return self.figure.axes[0].get_title(loc="left") if self.figure.axes else ""

    def png(self) -> bytes:
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png")
        return buffer.getvalue()

    def html(self, caption: bool = True) -> str:
        """An <img> with alt text and, unless the page already shows it, the description as a caption."""
        encoded = base64.b64encode(self.png()).decode("ascii")
        text = html.escape(self.description)
        shown = f'<figcaption style="font-size:0.95em">{text}</figcaption>' if caption else ""
        return (f'<figure style="margin:0"><img src="data:image/png;base64,{encoded}" alt="{text}" '
                f'style="max-width:100%"/>{shown}</figure>')

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html(), "text/plain": self.description}


def format_date(value, precision: str = "day") -> str:
    """A date as precise as it is known: '18 February 2008', 'May 2025' or '2025', never an invented day."""
    if value is None or pd.isna(value):
        return ""
    value = pd.Timestamp(value)
    if precision == "year":
        return f"{value.year}"
    if precision == "month":
        return f"{value:%B %Y}"
    return f"{value.day} {value:%B %Y}"


def mark_essay(ax, period: tuple, label: str) -> None:
    """Shade when the essay was written, so what its author could know is visible on the axis."""
    start, end = (pd.Timestamp(d) for d in period)
    left, right = (matplotlib.dates.num2date(x).replace(tzinfo=None) for x in ax.get_xlim())
    if end < pd.Timestamp(left) or start > pd.Timestamp(right):
        return
    ax.axvspan(start, end, color=OKABE_ITO["purple"], alpha=0.35, zorder=1, label=label)
    ax.annotate("after the essay →", xy=(end, 0.02), xycoords=("data", "axes fraction"), xytext=(4, 0),
                textcoords="offset points", fontsize=10, color="#6b2a52", ha="left", va="bottom")


def new_figure(width: float = 10, height: float = 5.5) -> Figure:
    """A figure not managed by pyplot, so it is never shown twice or leaked."""
    return Figure(figsize=(width, height), layout="constrained")


def label_axes(ax, title: str, xlabel: str, ylabel: str) -> None:
    ax.set_title(title, loc="left")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)


# Kosovo (C3) ----------------------------------------------------------------------------


def recognition_timeline(
    counts: pd.DataFrame,
    group_label: str,
    group_size: int | None,
    up_to_year: int,
    milestones: pd.DataFrame | None = None,
    counting: str = "",
    essay: tuple | None = None,
) -> Chart:
    """Cumulative recognitions of Kosovo over time, with US milestones on the same axis.

    counts: columns date, change and cumulative (one row per recognition or claimed
    withdrawal, sorted by date). milestones: columns date and short_label.
    essay: (start, end, label) of when the essay was written, shaded on the axis.
    """
    end = pd.Timestamp(f"{up_to_year}-12-31")
    shown = counts[counts["date"] <= end]
    total = int(shown["cumulative"].iloc[-1]) if not shown.empty else 0
    with house_style():
        figure = new_figure()
        ax = figure.add_subplot()
        steps = pd.concat(
            [pd.DataFrame({"date": [pd.Timestamp("2008-02-17")], "cumulative": [0]}), shown,
             pd.DataFrame({"date": [end], "cumulative": [total]})]
        )
        ax.step(steps["date"], steps["cumulative"], where="post", color=OKABE_ITO["blue"], linewidth=2.5,
                label=f"States that recognised Kosovo ({counting})" if counting else "States that recognised Kosovo")
        if group_size:
            ax.axhline(group_size, color=OKABE_ITO["black"], linestyle=":", linewidth=1.5,
                       label=f"All {group_label} ({group_size})")
        if milestones is not None:
            in_range = (milestones["date"] <= end) & (milestones["date"] >= pd.Timestamp("2008-01-01"))
            visible = milestones[in_range].reset_index(drop=True)
            previous = None
            for position, row in visible.iterrows():
                ax.axvline(row["date"], color=OKABE_ITO["vermillion"], linestyle="--", linewidth=1.2)
                # Labels of milestones less than a year apart alternate in height, so they never overlap.
                close = previous is not None and (row["date"] - previous).days < 365
                offset = -4 if not close or position % 2 == 0 else -150
                ax.annotate(
                    row["short_label"], xy=(row["date"], 1.0), xycoords=("data", "axes fraction"),
                    rotation=90, va="top", ha="right", fontsize=10, color="#7a2e00",
                    xytext=(-3, offset), textcoords="offset points",
                    bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none", "pad": 1},  # readable over the curve
                )
                previous = row["date"]
            if not visible.empty:
                ax.plot([], [], color=OKABE_ITO["vermillion"], linestyle="--", label="US milestone")
        ax.set_xlim(pd.Timestamp("2007-09-01"), max(end, pd.Timestamp("2009-12-31")))  # room for the first label
        if essay:
            mark_essay(ax, essay[:2], essay[2])
        ax.set_ylim(0, max(group_size or 0, total, 1) * 1.08)
        period = "in 2008" if up_to_year == 2008 else f"2008-{up_to_year}"
        label_axes(ax, f"Recognitions of Kosovo by {group_label}, {period}", "Year",
                   "Number of states (cumulative)")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, fontsize=11)
    of_group = f" of the {group_size} {group_label}" if group_size else f" {group_label}"
    that_year = int(shown.loc[shown["date"].dt.year == up_to_year, "change"].sum()) if not shown.empty else 0
    in_year = f"; the net change in {up_to_year} itself was {that_year:+d}" if up_to_year > 2008 else ""
    marks = "Dashed lines mark US milestones" + ("; the shaded band marks when the essay was written" if essay else "")
    description = (
        f"Step chart: by the end of {up_to_year}, {total}{of_group} had recognised Kosovo"
        f"{' (' + counting + ')' if counting else ''}{in_year}. {marks}."
    )
    return Chart(figure, description, shown.reset_index(drop=True))


def recognition_map(
    shapes: dict[str, list],
    recognition_years: dict[str, int],
    up_to_year: int,
    withdrawals: dict[str, tuple[int, str]] | None = None,
    highlight: str = "XKX",
    extra_description: str = "",
) -> Chart:
    """World map: each state coloured by the year it recognised Kosovo, up to a year.

    withdrawals maps a state to (year, status) of the withdrawal Serbia claims: from that
    year on the state is hatched, with one pattern per status (WITHDRAWAL_HATCHES). Kosovo
    itself is pink with a dashed outline: the line between Kosovo and Serbia is drawn like
    any other boundary of the map data, which is a drawing convention, not a position.
    """
    withdrawals = withdrawals or {}
    # The scale is the same for every year shown, so a colour always means the same year.
    first, last = 2008, max(recognition_years.values(), default=2009)
    norm = mcolors.Normalize(vmin=first, vmax=last)
    cmap = matplotlib.colormaps[SEQUENTIAL]
    polygons, colours, hatched = [], [], []
    for code, rings in shapes.items():
        rings = [_unwrap(ring) for ring in rings]
        year = recognition_years.get(code)
        if code == highlight:
            colour = KOSOVO_COLOUR
        elif year is not None and year <= up_to_year:
            colour = cmap(norm(year))
        else:
            colour = NEUTRAL
        for ring in rings:
            polygons.append(ring)
            colours.append(colour)
            claim_year, status = withdrawals.get(code, (9999, ""))
            recognised = year is not None and year <= up_to_year
            hatched.append(WITHDRAWAL_HATCHES.get(status, "") if recognised and claim_year <= up_to_year else "")
    shown = sum(1 for y in recognition_years.values() if y <= up_to_year)
    europe = (-12, 42), (34, 62)
    with house_style():
        figure = new_figure(11, 5.8)
        ax = figure.add_subplot()
        _draw_rings(ax, polygons, colours, hatched, 0.3)
        _frame_map(ax, (-180, 180), (-58, 85))
        label_axes(ax, f"Which states had recognised Kosovo by the end of {up_to_year}?", "", "")
        # Europe, where most recognitions and the whole dispute are, enlarged.
        inset = ax.inset_axes([0.0, 0.02, 0.3, 0.5])
        near = [_overlaps(p, *europe) for p in polygons]
        _draw_rings(inset, [p for p, n in zip(polygons, near) if n], [c for c, n in zip(colours, near) if n],
                    [h for h, n in zip(hatched, near) if n], 0.4)
        _frame_map(inset, *europe, border=True)
        for ring in shapes.get(highlight, []):
            xs, ys = zip(*ring)
            inset.plot(xs, ys, color=OKABE_ITO["black"], linestyle="--", linewidth=0.9)
        if highlight in shapes:
            inset.annotate("Kosovo", xy=(20.9, 42.6), xytext=(12.5, 39.0), fontsize=8,  # label in the sea
                           arrowprops={"arrowstyle": "-", "linewidth": 0.6})
        inset.set_title("Europe, enlarged", fontsize=10, loc="left")
        mappable = matplotlib.cm.ScalarMappable(norm=norm, cmap=cmap)
        bar = figure.colorbar(mappable, ax=ax, orientation="horizontal", fraction=0.04, pad=0.02, aspect=50)
        bar.set_label("Year of recognition (grey: not by then; pink: Kosovo)\n"
                      "//// withdrawal claimed by Serbia, disputed   xxxx withdrawal confirmed by the state")
    description = (
        f"World map of all states and entities (not only UN members): {shown} had recognised Kosovo by the end "
        f"of {up_to_year}, coloured from dark (2008) to light (latest); grey states had not; hatching marks "
        "withdrawals claimed by Serbia. " + extra_description
    ).strip()
    return Chart(figure, description, pd.DataFrame({"country_code": list(recognition_years),
                                                      "year": list(recognition_years.values())}))


def _draw_rings(ax, rings: list, colours: list, hatches: list, edge_width: float) -> None:
    ax.add_collection(PolyCollection(rings, facecolors=colours, edgecolors="white", linewidths=edge_width))
    for pattern in set(hatches) - {""}:
        chosen = [ring for ring, hatch in zip(rings, hatches) if hatch == pattern]
        ax.add_collection(PolyCollection(chosen, facecolors="none", edgecolors=OKABE_ITO["black"],
                                         hatch=pattern, linewidths=0.0))


def _overlaps(ring: list, xlim: tuple, ylim: tuple) -> bool:
    xs = [x for x, _ in ring]
    ys = [y for _, y in ring]
    return max(xs) >= xlim[0] and min(xs) <= xlim[1] and max(ys) >= ylim[0] and min(ys) <= ylim[1]


def _unwrap(ring: list) -> list:
    """Shift a ring that crosses the date line (Russia, Fiji) east, so it is not smeared across the map."""
    longitudes = [x for x, _ in ring]
    if max(longitudes) - min(longitudes) <= 180:
        return ring
    return [(x + 360 if x < 0 else x, y) for x, y in ring]


def _frame_map(ax, xlim, ylim, border: bool = False) -> None:
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.grid(False)
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_visible(border)


def table(frame: pd.DataFrame, caption: str, columns: dict[str, str] | None = None):
    """A captioned table without the index, dates shown as dates: for display in a notebook."""
    shown = frame[list(columns)].rename(columns=columns) if columns else frame
    formats = {c: "{:%Y-%m-%d}" for c in shown.columns if pd.api.types.is_datetime64_any_dtype(shown[c])}
    return (shown.style.hide(axis="index").set_caption(caption).format(formats, na_rep="")
            .set_properties(**{"text-align": "left", "vertical-align": "top"})
            .set_table_styles([{"selector": "th", "props": [("text-align", "left")]}]))


SUBSTANCE_STYLE = {  # colour and marker shape both differ, so the chart also reads in grey
    "continues": (OKABE_ITO["blue"], "o"),
    "starts": (OKABE_ITO["green"], "^"),
    "unclear": (OKABE_ITO["orange"], "D"),
    "departs": (OKABE_ITO["vermillion"], "X"),
}


def events_timeline(events: pd.DataFrame, terms: pd.DataFrame, title: str, summary: str,
                    essay: tuple | None = None) -> Chart:
    """US actions on a time axis, one lane per institution: substance by marker, tone by a ring.

    events: columns date, institution, substance, tone. terms: administrations (for the bands,
    labelled with their `label`). essay: (start, end, label) shaded on the axis.
    """
    with house_style():
        figure = new_figure(11, 5)
        ax = figure.add_subplot()
        lanes = list(dict.fromkeys(sorted(events["institution"].astype(str)))) or ["(none)"]
        start = events["date"].min() if not events.empty else pd.Timestamp("1993-01-20")
        end = events["date"].max() if not events.empty else pd.Timestamp("2026-12-31")
        pad = pd.Timedelta(days=200)
        for number, term in enumerate(terms.sort_values("term_start").itertuples()):
            left, right = max(term.term_start, start - pad), min(term.term_end, end + pad)
            if left >= right:
                continue
            shade = "#F2F2F2" if number % 2 else "#FFFFFF"
            ax.axvspan(left, right, color=shade, zorder=0)
            # Neighbouring labels alternate in height, so short terms never run into each other.
            ax.text(left + (right - left) / 2, len(lanes) - 0.45 + (0.25 if number % 2 else 0), term.label,
                    ha="center", va="bottom", fontsize=9, color="#444444")
        ax.set_xlim(start - pad, end + pad)
        if essay:
            mark_essay(ax, essay[:2], essay[2])
        for substance, (colour, marker) in SUBSTANCE_STYLE.items():
            chosen = events[events["substance"] == substance]
            if chosen.empty:
                continue  # the legend lists only what the chart shows
            ax.scatter(chosen["date"], [lanes.index(str(i)) for i in chosen["institution"]], s=70, color=colour,
                       marker=marker, edgecolors="black", linewidths=0.5, label=f"substance {substance}", zorder=3)
        changed = events[events["tone"] == "changed"]
        if not changed.empty:
            ax.scatter(changed["date"], [lanes.index(str(i)) for i in changed["institution"]], s=260,
                       facecolors="none", edgecolors=OKABE_ITO["black"], linewidths=1.4, label="tone changed (ring)",
                       zorder=4)
        ax.set_yticks(range(len(lanes)), lanes)
        ax.set_ylim(-0.6, len(lanes) + 0.2)
        ax.grid(axis="y", alpha=0.2)
        label_axes(ax, title, "Date (bands: US administrations)", "Acting institution")
        ax.legend(title="Our coding, compared with the previous US line", loc="upper center",
                  bbox_to_anchor=(0.5, -0.15), ncol=3, fontsize=10)
    description = f"Timeline, {title}: {summary}"
    return Chart(figure, description, events.reset_index(drop=True))
