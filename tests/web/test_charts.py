"""The dashboard's SVG charts: scaled bars, escaped labels."""

from __future__ import annotations

from web.charts import ChartRow, stacked_bars


def test_labels_are_escaped_and_bars_scale_to_the_largest_row() -> None:
    rows = [
        ChartRow("<script>x</script>", {"green": 2, "red": 2}),
        ChartRow("Fagråd", {"yellow": 1, "not_reported": 1}),
    ]
    svg = str(stacked_bars("Status & farge", rows, "c"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "Status &amp; farge" in svg
    assert 'class="bar bar-green" x="260.0" y="1" width="200.0"' in svg
    assert 'class="bar bar-red" x="460.0"' in svg
    assert 'class="bar bar-yellow" x="260.0" y="29" width="100.0"' in svg


def test_an_empty_chart_still_renders() -> None:
    assert str(stacked_bars("Tom", [], "t")).startswith('<svg class="chart"')


def test_a_chart_says_its_totals_and_where_its_numbers_are() -> None:
    from web.charts import ChartRow, stacked_bars

    rows = [
        ChartRow("ASU", {"green": 2, "yellow": 1, "red": 0, "not_reported": 3}),
        ChartRow("PSU", {"green": 0, "yellow": 0, "red": 1, "not_reported": 1}),
    ]
    svg = str(stacked_bars("Status per organ", rows, "bodies"))
    assert 'aria-labelledby="bodies-title" aria-describedby="bodies-desc"' in svg
    assert (
        '<desc id="bodies-desc">Stolpediagram med 2 rader: 2 grønn, 1 gul, 1 rød, '
        "4 ikke rapportert i alt. Tabellen under diagrammet har alle tallene.</desc>"
    ) in svg
