"""A clustered heat map of the most common mechanisms (PNG or SVG bytes).

:func:`heatmap_data` picks the mechanisms most towns have, computes an
association measure between every two of them and orders them by
hierarchical clustering (average linkage on ``1 - measure``, scipy's optimal
leaf ordering), so mechanisms that go together sit next to each other.
:func:`render_heatmap` draws it with matplotlib's Agg backend (no display
needed) and a font with Chinese glyphs found by :func:`cjk_font`: without one,
labels would be drawn as empty boxes, so the function fails instead.

Examples
--------
>>> from rdflib import Graph
>>> from kg.namespaces import FZ, ID, MECHANISM
>>> g = Graph()
>>> for t, ms in {"t1": "ac", "t2": "ac", "t3": "bd", "t4": "bdc"}.items():
...     for m in ms:
...         _ = g.add((ID[t], FZ.adopts, MECHANISM[m]))
>>> data = heatmap_data(g)
>>> data.labels
('a', 'b', 'c', 'd')
>>> names = [data.labels[i] for i in data.order]   # clustered: a next to c, b next to d
>>> abs(names.index("a") - names.index("c")), abs(names.index("b") - names.index("d"))
(1, 1)
>>> render_heatmap(data)[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
True
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from kg.analysis.cooccurrence import Facts, town_sets
from kg.analysis.stats import measure as association
from kg.errors import UsageError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Measures the heat map can show (lift is unbounded; NPMI is its normalised log).
HEATMAP_MEASURES = ("jaccard", "cosine", "npmi")
#: Most mechanisms shown by default: beyond ~30 rows the labels get unreadable.
DEFAULT_TOP = 30
#: Font families with Chinese glyphs, preferred first.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "STHeiti",
    "Noto Sans CJK JP",
    "Droid Sans Fallback",
    "AR PL UMing CN",
    "AR PL UKai CN",
    "Noto Serif CJK SC",
)
#: Words of file names of CJK fonts, to find one matplotlib's font cache does not list yet.
_CJK_FILE_HINTS = (
    "cjk",
    "wqy",
    "sourcehan",
    "yahei",
    "msyh",
    "simhei",
    "simsun",
    "pingfang",
    "hiragino",
    "heiti",
    "droidsansfallback",
    "uming",
    "ukai",
)
#: Characters a font must have: common ones in every mechanism label.
_PROBE = "法治政府建设合法性审查乡镇机制"
_INSTALL_HINT = (
    "install a font with Chinese glyphs, e.g. `apt-get install fonts-wqy-microhei` "
    "or `apt-get install fonts-noto-cjk` (Debian/Ubuntu)"
)


@dataclass(frozen=True)
class HeatmapData:
    """What the heat map shows: labels, counts, the measure matrix and the cluster order.

    ``values[i][j]`` is the measure between mechanisms ``i`` and ``j``
    (1 on the diagonal), ``shared[i][j]`` the towns having both;
    ``order`` lists indices in the order of the dendrogram's leaves.
    """

    mechanisms: tuple[str, ...]
    labels: tuple[str, ...]
    towns: tuple[int, ...]
    values: tuple[tuple[float, ...], ...]
    shared: tuple[tuple[int, ...], ...]
    order: tuple[int, ...]
    measure: str
    n_towns: int
    stance: str


def heatmap_data(
    graph: Facts, stance: str = "adopted", measure: str = "jaccard", top: int = DEFAULT_TOP
) -> HeatmapData:
    """The ``top`` mechanisms by number of towns, their measure matrix and cluster order.

    Parameters
    ----------
    graph : rdflib.Graph, TownFacts or TripleIndex
        The knowledge graph or the town facts of a build (see :func:`~kg.analysis.cooccurrence.facts_index`).
    stance : {"adopted", "planned", "problem", "any"}
        Which town facts count.
    measure : {"jaccard", "cosine", "npmi"}
        The association shown in the cells.
    top : int
        How many mechanisms (those most towns have; ties by label).

    Returns
    -------
    HeatmapData

    Raises
    ------
    UsageError
        An unknown measure (or ``lift``), or ``top < 1``.
    """
    if measure not in HEATMAP_MEASURES:
        raise UsageError(
            f"the heat map shows one of {', '.join(HEATMAP_MEASURES)}, not {measure!r}"
            + (" (npmi is lift on a normalised log scale)" if measure == "lift" else "")
        )
    if top < 1:
        raise UsageError(f"top must be at least 1, not {top}")
    sets = town_sets(graph, stance)
    chosen = sorted(sets.mechanisms, key=lambda m: (-len(sets.towns_of[m]), sets.labels[m], m))[
        :top
    ]
    chosen.sort(key=lambda m: (sets.labels[m], m))
    size = len(chosen)
    values = np.eye(size)
    shared = np.zeros((size, size), dtype=int)
    for i, j in itertools.combinations(range(size), 2):
        a, b = sets.towns_of[chosen[i]], sets.towns_of[chosen[j]]
        k = len(a & b)
        values[i, j] = values[j, i] = round(association(measure, k, len(a), len(b), sets.n), 4)
        shared[i, j] = shared[j, i] = k
    for i, m in enumerate(chosen):
        shared[i, i] = len(sets.towns_of[m])
    return HeatmapData(
        tuple(chosen),
        tuple(sets.labels[m] for m in chosen),
        tuple(len(sets.towns_of[m]) for m in chosen),
        tuple(tuple(float(v) for v in row) for row in values),
        tuple(tuple(int(v) for v in row) for row in shared),
        tuple(int(i) for i in _leaves(values, measure)),
        measure,
        sets.n,
        stance,
    )


def _linkage(values: np.ndarray, measure: str) -> np.ndarray:
    # matplotlib and scipy take seconds to import; only the heat map needs them.
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    # NPMI runs from -1 to 1, the others from 0 to 1: map both onto distances in [0, 1].
    distance = (1.0 - values) / 2.0 if measure == "npmi" else 1.0 - values
    np.fill_diagonal(distance, 0.0)
    distance = np.clip((distance + distance.T) / 2.0, 0.0, None)
    tree: np.ndarray = linkage(
        squareform(distance, checks=False), method="average", optimal_ordering=True
    )
    return tree


def _leaves(values: np.ndarray, measure: str) -> list[int]:
    # matplotlib and scipy take seconds to import; only the heat map needs them.
    from scipy.cluster.hierarchy import leaves_list

    if len(values) < 3:
        return list(range(len(values)))
    return [int(i) for i in leaves_list(_linkage(np.array(values, dtype=float), measure))]


def _font_files() -> list[str]:
    """Candidate font files: matplotlib's list by preferred family, then system files by name."""
    # matplotlib and scipy take seconds to import; only the heat map needs them.
    from matplotlib import font_manager

    rank = {name: i for i, name in enumerate(CJK_FAMILIES)}
    listed = sorted(
        (rank[f.name], f.fname) for f in font_manager.fontManager.ttflist if f.name in rank
    )
    # A font installed after matplotlib built its cache is not in ttflist; look on disk too.
    on_disk = sorted(
        path
        for path in font_manager.findSystemFonts()
        if any(
            h in Path(path).name.lower().replace("-", "").replace("_", "") for h in _CJK_FILE_HINTS
        )
    )
    return list(dict.fromkeys([f for _, f in listed] + on_disk))


def covers(font_file: str | Path, text: str = _PROBE) -> bool:
    """Whether the font file has a glyph for every character of ``text``.

    Examples
    --------
    >>> import matplotlib
    >>> from pathlib import Path
    >>> covers(Path(matplotlib.get_data_path()) / "fonts/ttf/DejaVuSans.ttf", "法治")
    False
    """
    # matplotlib and scipy take seconds to import; only the heat map needs them.
    from matplotlib.ft2font import FT2Font

    try:
        charmap = FT2Font(str(font_file)).get_charmap()
    except (OSError, RuntimeError, ValueError):
        return False
    return all(ord(ch) in charmap for ch in text)


def find_cjk_font(candidates: Iterable[str | Path] | None = None) -> Path:
    """The first font file among ``candidates`` (default: those installed) with Chinese glyphs.

    Raises
    ------
    UsageError
        No such font: the message names the packages that provide one.

    Examples
    --------
    >>> find_cjk_font([])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.UsageError: no font with Chinese glyphs found for the heat map: install a font ...
    """
    for path in _font_files() if candidates is None else candidates:
        if covers(path):
            return Path(path)
    raise UsageError(f"no font with Chinese glyphs found for the heat map: {_INSTALL_HINT}")


@cache
def cjk_font() -> Path:
    """The installed CJK font the heat map uses (looked up once per process).

    Raises
    ------
    UsageError
        No installed font has Chinese glyphs.

    Examples
    --------
    >>> covers(cjk_font(), "乡镇法治")
    True
    """
    return find_cjk_font()


def render_heatmap(data: HeatmapData, fmt: str = "png", title: str | None = None) -> bytes:
    """Draw ``data`` as a clustered heat map with a dendrogram; PNG or SVG bytes.

    Cells show the measure (colour) and, up to 25 mechanisms, the number of
    towns having both (text); tick labels read "label (towns)".  The same
    data gives the same bytes.

    Raises
    ------
    UsageError
        ``fmt`` is not png or svg, or no font with Chinese glyphs is installed.
    """
    if fmt not in ("png", "svg"):
        raise UsageError(f"heat map format must be png or svg, not {fmt!r}")
    # matplotlib and scipy take seconds to import; only the heat map needs them.
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from scipy.cluster.hierarchy import dendrogram

    font = FontProperties(fname=str(cjk_font()))
    size = len(data.labels)
    order = list(data.order)
    names = [f"{data.labels[i]} ({data.towns[i]})" for i in order]
    # Width of the longest tick label in inches at 9 pt: CJK glyphs are square, Latin about half.
    longest = max((sum(0.13 if ord(ch) > 0x2E80 else 0.07 for ch in x) for x in names), default=0.5)
    cell, label_in, dendro_in, top_in = 0.34, longest + 0.25, 1.0 if size >= 3 else 0.0, 0.6
    side = max(size * cell, 2.0)
    width, height = label_in + side + 1.3, top_in + dendro_in + side + label_in + 0.2
    fig = Figure(figsize=(width, height), dpi=110)
    FigureCanvasAgg(fig)

    def box(left: float, bottom: float, w: float, h: float) -> Axes:
        """Axes placed in inches from the lower left corner."""
        return fig.add_axes((left / width, bottom / height, w / width, h / height))

    heat = box(label_in, label_in, side, side)
    title = title or (
        f"机制共现聚类热图 · {data.measure} · {data.stance} · "
        f"{data.n_towns} 个乡镇, 前 {size} 个机制"
    )
    fig.text(
        0.5, 1 - 0.35 / height, title, ha="center", va="center", fontproperties=font, fontsize=12
    )
    if size == 0:
        heat.set_axis_off()
        heat.text(
            0.5,
            0.5,
            "没有可显示的机制 / no mechanisms",
            ha="center",
            va="center",
            fontproperties=font,
        )
        return _save(fig, fmt, rc_context)
    matrix = np.array(data.values)[np.ix_(order, order)]
    shared = np.array(data.shared)[np.ix_(order, order)]
    low, cmap = (-1.0, "RdBu_r") if data.measure == "npmi" else (0.0, "YlGnBu")
    image = heat.imshow(
        matrix, cmap=cmap, vmin=low, vmax=1.0, interpolation="nearest", aspect="auto"
    )
    heat.set_xticks(range(size), names, rotation=90, fontproperties=font, fontsize=9)
    heat.set_yticks(range(size), names, fontproperties=font, fontsize=9)
    heat.tick_params(length=0)
    if size <= 25:
        for i, j in itertools.product(range(size), repeat=2):
            if i != j and shared[i, j]:
                # White text on the dark ends of the colour scale (both ends for NPMI).
                dark = abs(matrix[i, j]) > 0.6 if low < 0 else matrix[i, j] > 0.6
                heat.text(
                    j,
                    i,
                    str(shared[i, j]),
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if dark else "#333333",
                )
    linkage = _linkage(np.array(data.values), data.measure) if dendro_in else None
    # A tree of height zero (every town has all these mechanisms or none) would be a flat
    # line, and scipy warns that it cannot scale one: the heat map alone says it.
    if linkage is not None and linkage[:, 2].max() > 0:
        tree = box(label_in, label_in + side, side, dendro_in - 0.1)
        dendrogram(
            linkage,
            ax=tree,
            no_labels=True,
            color_threshold=0,
            above_threshold_color="#555555",
        )
        tree.set_axis_off()
    bar = box(label_in + side + 0.25, label_in, 0.2, side)
    colorbar = fig.colorbar(image, cax=bar)
    colorbar.set_label(
        f"{data.measure}（格内数字：同时采用的乡镇数）", fontproperties=font, fontsize=9
    )
    return _save(fig, fmt, rc_context)


def _save(
    fig: Figure,
    fmt: str,
    rc_context: Callable[..., AbstractContextManager[None]],
) -> bytes:
    buffer = io.BytesIO()
    # Fixed metadata and hash salt: the same input gives byte-identical files.
    metadata = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
    with rc_context({"svg.hashsalt": "fazhi-kg", "svg.fonttype": "path"}):
        fig.savefig(buffer, format=fmt, metadata=metadata)
    return buffer.getvalue()


def heatmap_png(
    graph: Facts, stance: str = "adopted", measure: str = "jaccard", top: int = DEFAULT_TOP
) -> bytes:
    """The heat map of ``graph`` as PNG bytes (what ``kg build`` writes as cooccurrence.png).

    Examples
    --------
    >>> from rdflib import Graph
    >>> heatmap_png(Graph())[:4]
    b'\\x89PNG'
    """
    return render_heatmap(heatmap_data(graph, stance, measure, top), "png")
