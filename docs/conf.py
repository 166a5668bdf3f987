"""Sphinx configuration: furo theme, MyST Markdown pages, API reference from the docstrings.

Build with ``python -m sphinx -W --keep-going -b html docs docs/_build/html``.
"""

from importlib.metadata import version as _version

project = "smarketing"
author = "The smarketing maintainers"
copyright = "2026, The smarketing maintainers"  # Sphinx names this setting
release = _version("smarketing")
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "examples/**/README.md"]
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "undoc-members": False}
html_theme = "furo"
html_title = f"smarketing {release}"
nitpicky = False


def _drop_attributes_section(app, what, name, obj, options, lines):
    """Drop a class docstring's ``Attributes:`` section: it is there for ``help()``.

    The page documents each field from its ``#:`` comment (the same words),
    under the class, so the section would say everything twice.
    """
    if what != "class" or "Attributes:" not in lines:
        return
    start = lines.index("Attributes:")
    end = start + 1
    while end < len(lines) and lines[end].startswith(" "):
        end += 1
    del lines[start:end]


def setup(app):
    """Connect the docstring hook."""
    app.connect("autodoc-process-docstring", _drop_attributes_section)
