"""Charts (`docs/report.md#charts`): the core's chart data and matplotlib's
drawing of it, on the worked example of docs/method.md#worked-example."""

from __future__ import annotations

from typing import Any, List

import pytest

import stegvis
from conftest import NORDOST
from test_inputs import ASSESSMENTS, AS_OF, PARTICIPANTS

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def report() -> stegvis.Report:
    return stegvis.evaluate(stegvis.Programme.from_toml(NORDOST / "programme.toml"), PARTICIPANTS, ASSESSMENTS, as_of=AS_OF)


def close(value: Any, expected: float) -> bool:
    return value is not None and abs(value - expected) < 5e-5


def test_the_goal_chart_has_the_worked_examples_figures(report: stegvis.Report) -> None:
    chart = report.chart("goals")
    assert chart["kind"] == "goals"
    assert [t["label"] for t in chart["ticks"]] == [f"{v}{NBSP}%" for v in (0, 25, 50, 75, 100)]
    closer = chart["rows"][0]
    # docs/method.md#worked-example: 2 of 3, Wilson 0.2077-0.9385.
    name = report.goals[0]["name"]
    assert closer["label"] == f"{name}: 66.7{NBSP}% (met)"
    assert close(closer["share"], 2 / 3) and close(closer["lower"], 0.2077) and close(closer["upper"], 0.9385)
    assert closer["indent"] is False and closer["band"] is None
    assert len(chart["rows"]) == len(report.goals)


def test_the_goal_chart_by_gender_adds_a_bar_per_counted_gender(report: stegvis.Report) -> None:
    rows: List[Any] = report.chart("goals_by_gender", language="sv")["rows"]
    closer = rows[:3]
    # Women (a, c) 1 of 2 (0.0945-0.9055), men (b) 1 of 1 (0.2065-1); no non-binary.
    assert [r["label"] for r in closer[1:]] == [f"kvinnor: 50,0{NBSP}%", f"m\u00e4n: 100,0{NBSP}%"]
    assert close(closer[1]["lower"], 0.0945) and close(closer[1]["upper"], 0.9055)
    assert close(closer[2]["lower"], 0.2065) and close(closer[2]["upper"], 1.0)
    assert all(r["indent"] and r["mark"] == "plain" for r in closer[1:])


def test_a_publishable_chart_draws_no_hidden_value(report: stegvis.Report) -> None:
    closer = report.suppress(5).chart("goals")["rows"][0]
    assert (closer["share"], closer["lower"], closer["upper"]) == (None, None, None)
    assert closer["label"] == f"{report.goals[0]['name']}: supp. (supp.)"


def test_an_unknown_chart_is_an_argument_error(report: stegvis.Report) -> None:
    with pytest.raises(stegvis.StegvisError) as e:
        report.chart("pie")  # type: ignore[arg-type]
    assert e.value.code == "invalid_argument"


def test_plot_draws_the_chart_with_matplotlib(report: stegvis.Report) -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    figure = report.plot("goals_by_gender")
    ax = figure.axes[0]
    chart = report.chart("goals_by_gender")
    labels = [t.get_text() for t in ax.texts]
    assert labels == [r["label"] for r in chart["rows"]]
    assert ax.get_title(loc="left").replace("\n", " ") == chart["title"]
    # One track per row, plus a bar per drawn share; not-met bars hatched.
    shares = [r for r in chart["rows"] if r["share"] is not None]
    assert len(ax.patches) == len(chart["rows"]) + len(shares)
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert len(hatched) == sum(r["mark"] in ("not_met", "outside") for r in shares)
    # On an axis of one's own.
    import matplotlib.pyplot as plt

    _, own = plt.subplots()
    assert report.plot("gender", ax=own) is own.figure
    plt.close("all")
