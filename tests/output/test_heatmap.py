"""The clustered heat map: a real CJK font, hand-checked matrix, stable bytes, clear failures."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import matplotlib
import pytest
from rdflib import Graph

import kg.output.heatmap as heatmap
from kg.errors import UsageError
from kg.namespaces import FZ, ID, MECHANISM
from kg.output.heatmap import cjk_font, covers, find_cjk_font, heatmap_data, render_heatmap

DEJAVU = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
TEXT = "法治政府建设年度报告合法性审查枫桥经验乡镇社区（）“”、"


def _graph(towns: dict[str, str]) -> Graph:
    g = Graph()
    for town, mechs in towns.items():
        for m in mechs:
            g.add((ID[town], FZ.adopts, MECHANISM[m]))
    return g


# a = {t1, t2}, b = {t3, t4}, c = {t1, t2, t4}, d = {t3, t4}
SMALL = {"t1": "ac", "t2": "ac", "t3": "bd", "t4": "bdc"}


def test_the_font_resolves_to_one_with_chinese_glyphs():
    path = cjk_font()
    assert path.is_file()
    assert covers(path, TEXT)
    assert not covers(DEJAVU, "法治")  # the check can fail


def test_heat_map_draws_every_chinese_label_without_missing_glyphs():
    labels = [
        "合法性审查",
        "政务公开",
        "枫桥经验",
        "一村（社区）一法律顾问",
        "“谁执法谁普法”普法责任制",
    ]
    data = heatmap.HeatmapData(
        tuple(f"m{i}" for i in range(5)),
        tuple(labels),
        (3, 2, 2, 1, 1),
        tuple(tuple(1.0 if i == j else 0.3 for j in range(5)) for i in range(5)),
        tuple(tuple(1 for _ in range(5)) for _ in range(5)),
        (0, 1, 2, 3, 4),
        "jaccard",
        4,
        "adopted",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph ... missing from font(s)"
        png = render_heatmap(data)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000


def test_missing_glyph_detection_works_on_a_latin_font():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    fig = Figure()
    FigureCanvasAgg(fig)
    fig.text(0.5, 0.5, "法治", fontproperties=FontProperties(fname=str(DEJAVU)))
    with pytest.warns(UserWarning, match="missing from font"):
        fig.savefig(io.BytesIO(), format="png")


def test_no_cjk_font_is_a_clear_error_naming_the_package(monkeypatch):
    with pytest.raises(UsageError, match="fonts-wqy-microhei"):
        find_cjk_font([DEJAVU])
    monkeypatch.setattr(heatmap, "_font_files", lambda: [str(DEJAVU)])
    cjk_font.cache_clear()
    try:
        with pytest.raises(UsageError, match="apt-get install"):
            render_heatmap(heatmap_data(_graph(SMALL)))
    finally:
        monkeypatch.undo()
        cjk_font.cache_clear()


def test_matrix_by_hand():
    data = heatmap_data(_graph(SMALL))
    assert data.labels == ("a", "b", "c", "d") and data.towns == (2, 2, 3, 2) and data.n_towns == 4
    want = {
        ("a", "b"): 0.0,
        ("a", "c"): 2 / 3,
        ("a", "d"): 0.0,
        ("b", "c"): 1 / 4,
        ("b", "d"): 1.0,
        ("c", "d"): 1 / 4,
    }
    for (x, y), value in want.items():
        i, j = data.labels.index(x), data.labels.index(y)
        assert data.values[i][j] == data.values[j][i] == pytest.approx(value, abs=1e-4)
    assert [data.values[i][i] for i in range(4)] == [1.0] * 4
    assert data.shared[data.labels.index("c")][data.labels.index("d")] == 1
    assert [data.shared[i][i] for i in range(4)] == [2, 2, 3, 2]


def test_cluster_order_puts_partners_side_by_side():
    data = heatmap_data(_graph(SMALL))
    names = [data.labels[i] for i in data.order]
    assert sorted(names) == ["a", "b", "c", "d"]
    assert abs(names.index("b") - names.index("d")) == 1
    assert abs(names.index("a") - names.index("c")) == 1


def test_top_keeps_the_mechanisms_most_towns_have():
    assert heatmap_data(_graph(SMALL), top=2).labels == ("a", "c")  # c: 3 towns; a wins the tie


@pytest.mark.parametrize("fmt, magic", [("png", b"\x89PNG"), ("svg", b"<?xml")])
def test_same_data_same_bytes(fmt, magic):
    data = heatmap_data(_graph(SMALL), measure="npmi")
    first, second = render_heatmap(data, fmt), render_heatmap(data, fmt)
    assert first.startswith(magic) and first == second


@pytest.mark.parametrize("towns", [{}, {"t1": "a"}, {"t1": "ab"}])
def test_tiny_inputs_still_draw(towns):
    assert render_heatmap(heatmap_data(_graph(towns))).startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda g: heatmap_data(g, measure="lift"), "npmi"),
        (lambda g: heatmap_data(g, top=0), "top"),
        (lambda g: render_heatmap(heatmap_data(g), "jpg"), "png or svg"),
    ],
)
def test_bad_options_are_usage_errors(call, message):
    with pytest.raises(UsageError, match=message):
        call(_graph(SMALL))


@pytest.mark.parametrize(
    "towns",
    [
        {"t1": "abc", "t2": "abc"},  # every pair in every town: all distances 0
        {"t1": "abcd"},
    ],
)
@pytest.mark.parametrize("measure", ["jaccard", "npmi"])
def test_mechanisms_every_town_shares_draw_without_warnings(towns, measure):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert render_heatmap(heatmap_data(_graph(towns), measure=measure)).startswith(b"\x89PNG")
