"""The page's filters, checked in a real headless Chromium: minimum articles, hedging, the date range,
pairs and isolated actors hidden on a big graph, and actors found by name, alias, dictionary name or a
misspelling. The address carries the filters (``#min=3&hedging=plain&from=2004-03``), as a shared view
does, so each state is loaded from a URL."""
from __future__ import annotations

import re

import networkx as nx

from graphkit.views.page import HIDE_SMALL_ABOVE, page_data
from graphkit.views.viz import write_html
from test_viz import body_attrs, dump_dom


def dated_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for node, name, kind, aliases in [("iran", "Iran", "STATE", ["Tehran"]),
                                      ("hezbollah", "Hezbollah", "ORGANIZATION", ["Hizbollah"]),
                                      ("israel", "Israel", "STATE", []),
                                      ("hamas", "Hamas", "ORGANIZATION", []),
                                      ("uae", "United Arab Emirates", "STATE", []),
                                      ("qassem-soleimani", "Qassem Soleimani", "PERSON", [])]:
        g.add_node(node, name=name, type=kind, aliases=aliases)

    def edge(u, v, rel, articles, hedged, first, last):
        g.add_edge(u, v, key=rel, id=f"{u}|{rel}|{v}", relation=rel, articles=articles, hedged_share=hedged,
                   first_seen=first, last_seen=last, examples=[])

    edge("iran", "hezbollah", "funds", 4, 0.0, "2004-01-10", "2004-06-02")
    edge("iran", "hamas", "supplies_weapons_to", 1, 1.0, "2004-08-01", "2004-08-01")
    edge("hezbollah", "israel", "rival_of", 3, 0.0, "2003", "2003")
    edge("israel", "hamas", "attacked", 2, 0.5, None, None)
    edge("uae", "iran", "negotiated_with", 1, 0.0, "2004-11-20", "2004-11-20")
    edge("qassem-soleimani", "iran", "member_of", 5, 0.0, "2004-02", "2004-12")
    return g


def visible(dom: str, kind: str) -> list[str]:
    return re.findall(rf'<g class="{kind}" data-id="([^"]*)"', dom)


def test_minimum_articles_and_hedging_filters(tmp_path):
    page = tmp_path / "g.html"
    write_html(dated_graph(), page)
    attrs = body_attrs(dump_dom(tmp_path, page))
    assert attrs["data-visible-edges"] == "6" and attrs["data-visible-nodes"] == "6"
    dom = dump_dom(tmp_path, page, "#min=3")
    attrs = body_attrs(dom)
    assert attrs["data-errors"] == ""
    assert sorted(visible(dom, "edge")) == ["hezbollah|rival_of|israel", "iran|funds|hezbollah",
                                            "qassem-soleimani|member_of|iran"]
    # Hamas and the Emirates have no edge with three articles: they go; the box shows the minimum.
    assert sorted(visible(dom, "node")) == ["hezbollah", "iran", "israel", "qassem-soleimani"]
    assert '<input id="min-articles" type="number" min="1" step="1" value="3">' in dom
    assert attrs["data-visible-nodes"] == "4"
    dom = dump_dom(tmp_path, page, "#hedging=hedged")
    assert visible(dom, "edge") == ["iran|supplies_weapons_to|hamas"]
    assert '<option value="hedged" selected="">only hedged</option>' in dom
    dom = dump_dom(tmp_path, page, "#hedging=plain")
    assert "iran|supplies_weapons_to|hamas" not in visible(dom, "edge") and len(visible(dom, "edge")) == 5


def test_date_range_keeps_what_was_stated_within_it(tmp_path):
    page = tmp_path / "g.html"
    write_html(dated_graph(), page)
    whole = dump_dom(tmp_path, page)
    dom = dump_dom(tmp_path, page, "#from=2004-07&to=2004-09&undated=0")
    attrs = body_attrs(dom)
    assert attrs["data-errors"] == ""
    # stated in August; the member_of edge spans February to December, so it overlaps the range too
    assert sorted(visible(dom, "edge")) == ["iran|supplies_weapons_to|hamas", "qassem-soleimani|member_of|iran"]
    assert re.search(r'<output id="date-range">2004-07 – 2004-09</output>', dom)
    # The slider spans the first to the last month stated (January 2003 to December 2004).
    assert '<input id="date-from" type="range" min="0" max="23" value="18">' in dom  # July 2004
    assert '<input id="undated" type="checkbox">' in dom
    # The picture is drawn again around what is left: a smaller view box than the whole graph's.
    box = lambda d: [float(x) for x in re.search(r'<svg id="canvas"[^>]* viewBox="([^"]+)"', d).group(1).split()]
    assert box(dom)[2] < box(whole)[2]
    # Undated relationships stay unless unticked.
    dom = dump_dom(tmp_path, page, "#from=2004-07&to=2004-09")
    assert "israel|attacked|hamas" in visible(dom, "edge")


def big_graph_with_pairs(pairs: int) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    hub = "hub"
    g.add_node(hub, name="Hub Alliance", type="ORGANIZATION", aliases=[])
    for i in range(40):
        g.add_node(f"m{i}", name=f"Member {i}", type="GROUP", aliases=[])
        g.add_edge(f"m{i}", hub, key="member_of", id=f"m{i}|member_of|hub", relation="member_of", articles=1)
    for i in range(pairs):
        g.add_node(f"p{i}a", name=f"Pair {i} A", type="PERSON", aliases=[])
        g.add_node(f"p{i}b", name=f"Pair {i} B", type="GROUP", aliases=[])
        g.add_edge(f"p{i}a", f"p{i}b", key="commands", id=f"p{i}", relation="commands", articles=1)
    g.add_node("alone", name="Lone Actor", type="PERSON", aliases=[])
    return g


def test_pairs_and_isolated_actors_are_hidden_by_default_on_a_big_graph(tmp_path):
    g = big_graph_with_pairs(140)
    assert g.number_of_nodes() > HIDE_SMALL_ABOVE and page_data(g)["hide_small"] is True
    page = tmp_path / "big.html"
    write_html(g, page)
    dom = dump_dom(tmp_path, page)
    attrs = body_attrs(dom)
    assert attrs["data-errors"] == ""
    assert attrs["data-hidden-components"] == "141"  # 140 pairs and the lone actor
    assert attrs["data-visible-nodes"] == "41" and attrs["data-visible-edges"] == "40"
    assert re.search(r'<p id="hidden"[^>]*>141 pairs and isolated actors hidden \(281 actors\)</p>', dom)
    assert '<input id="hide-small" type="checkbox" checked="">' in dom
    shown = dump_dom(tmp_path, page, "#small=show")
    assert body_attrs(shown)["data-visible-nodes"] == str(g.number_of_nodes())
    # An actor asked for by name is shown with its pair although pairs are hidden.
    picked = dump_dom(tmp_path, page, "#node=Pair%207%20A")
    attrs = body_attrs(picked)
    assert attrs["data-selected"] == "node:p7a" and attrs["data-hidden-components"] == "140"
    # A small graph shows everything unless asked.
    small = big_graph_with_pairs(3)
    write_html(small, page)
    dom = dump_dom(tmp_path, page)
    attrs = body_attrs(dom)
    assert '<input id="hide-small" type="checkbox">' in dom
    assert attrs["data-hidden-components"] == "0" and attrs["data-visible-nodes"] == str(small.number_of_nodes())
    attrs = body_attrs(dump_dom(tmp_path, page, "#small=hide"))
    assert attrs["data-hidden-components"] == "4"


def test_node_and_search_take_names_aliases_dictionary_names_and_misspellings(tmp_path):
    page = tmp_path / "g.html"
    write_html(dated_graph(), page)
    for fragment, wanted in [("#node=Iran", "iran"), ("#node=Hizbollah", "hezbollah"), ("#node=iran", "iran"),
                             ("#q=Hezbolah", "hezbollah"), ("#q=Suleimani", "qassem-soleimani"),
                             ("#q=UAE", "uae"), ("#node=Soleimani", "qassem-soleimani")]:
        attrs = body_attrs(dump_dom(tmp_path, page, fragment))
        assert attrs["data-errors"] == "" and attrs.get("data-selected") == f"node:{wanted}", fragment
    # a near miss: nothing close enough
    attrs = body_attrs(dump_dom(tmp_path, page, "#q=Hungary"))
    assert attrs["data-matches"] == "0" and "data-selected" not in attrs
