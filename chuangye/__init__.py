"""创业型单位建设进度看板 · Entrepreneurship-type Units Progress Dashboard.

Layers, arrows pointing down only (see docs/architecture.md):
strings · data → geo → engine → sample · figures → exports → web → cli
"""

__version__ = "0.2.0"
