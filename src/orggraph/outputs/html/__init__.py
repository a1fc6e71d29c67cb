"""The interactive graph page: one self-contained HTML file."""

from orggraph.outputs.html.render import HtmlSummary, render_html

__all__ = ["HtmlSummary", "render_html"]
