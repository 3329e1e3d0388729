"""The network explorer: a networkx projection of the graph (projection), its filters and focus
views (focus), analytics (analytics), and its outputs: a self-contained HTML page (page) or a
GEXF/GraphML file (files)."""
