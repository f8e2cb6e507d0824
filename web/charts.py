"""Server-rendered SVG bar charts for the dashboard: no JavaScript, no inline styles.

Each row is one area or responsible body, drawn as a stacked bar of green,
yellow, red and not-reported measures. Colours come from CSS classes (the
CSP forbids inline styles); every label is escaped; a table with the same
numbers sits beside the chart for screen readers and print.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from domain.vocabulary import COLOUR_LABELS, colour_word
from language import N_, _, ngettext

SEGMENTS = (
    ("green", N_("grønn")),
    ("yellow", N_("gul")),
    ("red", N_("rød")),
    ("not_reported", N_("ikke rapportert")),
)
"""Each bar's parts, declared in bokmål and said in the målform of the page."""
ROW_HEIGHT = 28
BAR_HEIGHT = 18
LABEL_WIDTH = 260
BAR_WIDTH = 400
COUNT_WIDTH = 60


@dataclass(frozen=True)
class ChartRow:
    label: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.get(name, 0) for name, _label in SEGMENTS)


def rows_from(counts: Sequence[dict[str, object]]) -> list[ChartRow]:
    """Chart rows from `StatusCounts.to_dict()` values."""
    return [
        ChartRow(
            label=str(item["name"]),
            counts={name: int(str(item.get(name, 0) or 0)) for name, _label in SEGMENTS},
        )
        for item in counts
    ]


def stacked_bars(title: str, rows: Sequence[ChartRow], chart_id: str) -> Markup:
    """One accessible SVG: a titled stacked bar per row, scaled to the largest total."""
    largest = max((row.total for row in rows), default=0) or 1
    height = ROW_HEIGHT * max(len(rows), 1) + 30
    width = LABEL_WIDTH + BAR_WIDTH + COUNT_WIDTH
    numbers_below = _("Tabellen under diagrammet har alle tallene.")
    parts = [
        f'<svg class="chart" role="img" aria-labelledby="{chart_id}-title" '
        f'aria-describedby="{chart_id}-desc" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(_summary(rows))} {escape(numbers_below)}</desc>',
    ]
    for index, row in enumerate(rows):
        parts.append(_bar(row, index, largest))
    parts.append(_legend(height - 14))
    parts.append("</svg>")
    return Markup("".join(parts))


def _bar(row: ChartRow, index: int, largest: int) -> str:
    y = index * ROW_HEIGHT
    label = row.label if len(row.label) <= 38 else row.label[:37] + "…"
    pieces = [
        f'<g class="chart-row"><title>{escape(row.label)}: {_describe(row)}</title>',
        f'<text class="chart-label" x="0" y="{y + 14}">{escape(label)}</text>',
    ]
    x = float(LABEL_WIDTH)
    for name, _label in SEGMENTS:
        count = row.counts.get(name, 0)
        if not count:
            continue
        width = BAR_WIDTH * count / largest
        pieces.append(
            f'<rect class="bar bar-{name}" x="{x:.1f}" y="{y + 1}" '
            f'width="{width:.1f}" height="{BAR_HEIGHT}"/>'
        )
        x += width
    pieces.append(
        f'<text class="chart-count" x="{LABEL_WIDTH + BAR_WIDTH + 8}" y="{y + 14}">'
        f"{row.total}</text></g>"
    )
    return "".join(pieces)


def _legend(y: int) -> str:
    pieces = ['<g class="chart-legend">']
    x = LABEL_WIDTH
    for name, label in SEGMENTS:
        said = _(label)
        pieces.append(
            f'<rect class="bar bar-{name}" x="{x}" y="{y - 9}" width="10" height="10"/>'
            f'<text class="chart-label" x="{x + 14}" y="{y}">{escape(said)}</text>'
        )
        x += 30 + 8 * len(said)
    pieces.append("</g>")
    return "".join(pieces)


def _summary(rows: Sequence[ChartRow]) -> str:
    """The chart's text alternative in one sentence: the totals of each colour."""
    totals = {name: sum(row.counts.get(name, 0) for row in rows) for name, _label in SEGMENTS}
    counted = ", ".join(f"{totals[name]} {_(label)}" for name, label in SEGMENTS)
    return ngettext(
        "Stolpediagram med %(num)s rad: %(counted)s i alt.",
        "Stolpediagram med %(num)s rader: %(counted)s i alt.",
        len(rows),
        counted=counted,
    )


def _describe(row: ChartRow) -> str:
    return ", ".join(f"{row.counts.get(name, 0)} {_(label)}" for name, label in SEGMENTS)


TREND_CELL = 26
TREND_LABEL = 90


def status_trend(
    title: str,
    rounds: Sequence[str],
    trend: Sequence[tuple[str, Sequence[str | None]]],
    chart_id: str,
) -> Markup:
    """Each measure's light per round as a row of dots, oldest round first.

    A round without a report is an empty ring. Colour is never the only sign:
    every dot has a title with the colour's word, and the table beside the
    chart says the same.
    """
    width = TREND_LABEL + TREND_CELL * max(len(rounds), 1) + 10
    height = TREND_CELL * (len(trend) + 1) + 6
    words_below = _("Tabellen under diagrammet har hver status i ord.")
    parts = [
        f'<svg class="chart trend" role="img" aria-labelledby="{chart_id}-title" '
        f'aria-describedby="{chart_id}-desc" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" preserveAspectRatio="xMinYMin meet" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(_trend_summary(len(trend), len(rounds)))} '
        f"{escape(words_below)}</desc>",
    ]
    for column, name in enumerate(rounds):
        x = TREND_LABEL + column * TREND_CELL + TREND_CELL // 2
        parts.append(
            f'<text class="chart-label" x="{x}" y="14" text-anchor="middle">{escape(name)}</text>'
        )
    for row, (number, colours) in enumerate(trend):
        y = TREND_CELL * (row + 1) + TREND_CELL // 2
        parts.append(f'<g class="chart-row"><title>{escape(number)}</title>')
        parts.append(f'<text class="chart-label" x="0" y="{y + 4}">{escape(number)}</text>')
        for column, colour in enumerate(colours):
            x = TREND_LABEL + column * TREND_CELL + TREND_CELL // 2
            kind = f"bar-{colour}" if colour in COLOUR_LABELS else "trend-none"
            word = colour_word(colour)
            parts.append(
                f'<circle class="{kind}" cx="{x}" cy="{y}" r="8">'
                f"<title>{escape(number)}, {escape(rounds[column])}: {escape(word)}</title>"
                "</circle>"
            )
        parts.append("</g>")
    parts.append("</svg>")
    return Markup("".join(parts))


def _trend_summary(measures: int, rounds: int) -> str:
    """ "12 tiltak over 3 runder": the trend chart's text alternative."""
    return _(
        "%(measures)s tiltak over %(rounds)s.",
        measures=measures,
        rounds=ngettext("%(num)s runde", "%(num)s runder", rounds),
    )
