"""HTML for the archive's pages and page parts, from Jinja templates with autoescaping.

Like the core, this package imports nothing from MkDocs: it turns archive objects into HTML
fragments that any site generator can place. Every value is escaped on output, because every
value comes from contributed files.
"""

from .renderer import Renderer

__all__ = ["Renderer"]
