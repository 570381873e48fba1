"""The templates of Material the archive overrides are Material's own with our changes: its
partials line for line, and the blocks of base.html that our base.html replaces. The next
Material release that changes them fails this test instead of losing its change on our
sites, silently."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import material
import pytest

from conftest import REPO
from news_archive.theme_layer import TEMPLATE_FEATURES

THEME = REPO / "plugins/news_archive/theme"
MATERIAL = Path(material.__file__).parent / "templates"
# Material's blocks of base.html as they were when our base.html was written from them.
ADAPTED_BLOCKS = REPO / "tests/golden/material-base-blocks.html"
# Material's palette script, as it was when ours was written from it (the test below checks it).
PALETTE_SCRIPT = REPO / "tests/golden/material-palette-script.html"


def note(*lines: str) -> list[str]:
    """Material's "generated" note replaced by ours."""
    return [
        "-  This file was automatically generated - do not edit",
        *(f"+{line}" for line in lines),
    ]


def drawn_icon(indent: str, include: str, name: str) -> list[str]:
    """An inline icon replaced by the stylesheet's (theme_icons.py)."""
    return [
        f"-{indent}{{% include {include} %}}",
        f"+{indent}{{#- news-archive: the icon drawn by the stylesheet, not inline. -#}}",
        f"+{indent}{{{{ news_archive_icon({name}) }}}}",
    ]


def icon_note(partial: str) -> list[str]:
    return note(
        f"  news-archive: Material for MkDocs' partials/{partial} (9.x) with its icon drawn by the",
        '  stylesheet (theme_icons.py), marked "news-archive:"; tests/test_theme_override.py',
        "  checks that nothing else differs.",
    )


ICON = '".icons/" ~ icon ~ ".svg"'
# Every line each override adds (+) or drops (-), in order.
EXPECTED = {
    # A note on what it is; the tabs as the only navigation where they hold it all; the menu
    # icon drawn by the stylesheet; the page's title an option; the site's name escaped like
    # every other text; the
    # palette's form and script loaded from one file; the archive's search box in place of
    # Material's.
    "header.html": [
        *note(
            "  news-archive: Material for MkDocs' partials/header.html (9.x) with six changes,"
            " marked",
            '  "news-archive:" below; tests/test_theme_override.py checks that nothing else'
            " differs.",
        ),
        "+{#- news-archive: when the tabs hold the whole navigation (theme/base.html), they"
        " show on",
        "+    phones too, and the drawer's button only on a page with a table of contents"
        " (archive.css). -#}",
        '+{% set tabs_hold_nav = "navigation.tabs" in features'
        ' and not (nav.items | selectattr("children") | list) %}',
        "+{% if tabs_hold_nav %}",
        '+  {% set class = class ~ " na-tabs-nav" %}',
        "+{% endif %}",
        '-    <label class="md-header__button md-icon" for="__drawer">',
        '+    <label class="md-header__button md-icon'
        '{{ \' na-drawer-button\' if tabs_hold_nav }}" for="__drawer">',
        *drawn_icon("      ", ICON, "icon"),
        '-    <div class="md-header__title" data-md-component="header-title">',
        "+    {#- news-archive: the page's title, which the header shows in place of the site's"
        " name",
        "+        once the page's heading scrolls away, only with the plugin's option",
        "+        header_page_title: without it, no script watches the heading. -#}",
        '+    <div class="md-header__title"'
        "{{ ' data-md-component=\"header-title\"' | safe if news_archive_header_title }}>",
        "-            {{ config.site_name }}",
        "+            {#- news-archive: the site name escaped, like every other text. -#}",
        "+            {{ config.site_name | e }}",
        "+        {% if news_archive_header_title %}",
        "+        {% endif %}",
        "-    {% if config.theme.palette %}",
        "-      {% if not config.theme.palette is mapping %}",
        '-        {% include "partials/palette.html" %}',
        "-      {% endif %}",
        "-    {% endif %}",
        "+    {#- news-archive: the palette's toggles and script from one file of the site",
        "+        (theme_palette.py), not written into every page. -#}",
        '-      {% include "partials/javascripts/palette.html" %}',
        "+      <script src=\"{{ 'assets/news-archive/palette.js' | url }}\"></script>",
        "+    {#- news-archive: the archive's own search page replaces Material's search. -#}",
        '+    {% include "partials/news-archive-search.html" %}',
    ],
    "palette.html": [
        *icon_note("palette.html"),
        *drawn_icon("        ", '".icons/" ~ option.toggle.icon ~ ".svg"', "option.toggle.icon"),
    ],
    "logo.html": [*icon_note("logo.html"), *drawn_icon("  ", ICON, "icon")],
    "top.html": [*icon_note("top.html"), *drawn_icon("  ", ICON, "icon")],
    # Material's palette script, shorter.
    "javascripts/palette.html": [
        *note(
            "  news-archive: Material for MkDocs' partials/javascripts/palette.html (9.x) with its"
            " script",
            '  written shorter, marked "news-archive:"; tests/test_theme_override.py checks that'
            " nothing",
            "  else differs.",
        ),
        "-" + PALETTE_SCRIPT.read_text(encoding="utf-8").rstrip("\n"),
        "+{#- news-archive: Material's steps in fewer bytes (the script is on every page): the"
        " palette",
        "+    the reader chose, an automatic choice resolved by the system's, set before the page"
        " shows. -#}",
        "+" + (THEME / "partials/javascripts/palette.html").read_text().splitlines()[-1],
    ],
    # Material's storage script in the palette's file where that file is loaded first.
    "javascripts/base.html": [
        *note(
            "  news-archive: Material for MkDocs' partials/javascripts/base.html (9.x), its"
            " script in the",
            '  palette\'s file where the header loads that file, marked "news-archive:";',
            "  tests/test_theme_override.py checks that nothing else differs.",
        ),
        "+{#- news-archive: the same script opens assets/news-archive/palette.js"
        " (theme_palette.py),",
        "+    which the header loads before anything of the body reads it; here only where that"
        " file",
        "+    is not loaded or something of the head reads the scope first (analytics). -#}",
        "+{% if not news_archive_scope_in_file %}",
        "+{% endif %}",
    ],
    # The footer's bar only when it holds something; Material's credit an option.
    "footer.html": [
        *note(
            "  news-archive: Material for MkDocs' partials/footer.html (9.x) without its bar"
            " where the",
            '  bar would be empty, marked "news-archive:"; tests/test_theme_override.py checks'
            " that",
            "  nothing else differs.",
        ),
        "+  {#- news-archive: the bar under every page only when it holds something: the site's",
        "+      copyright, its social links, or Material's credit (the plugin's option",
        "+      footer_credit, partials/copyright.html). -#}",
        "+  {% if config.copyright or config.extra.social or news_archive_credit %}",
        "+  {% endif %}",
    ],
    "copyright.html": [
        *note(
            "  news-archive: Material for MkDocs' partials/copyright.html (9.x), its credit an"
            " option,",
            '  marked "news-archive:"; tests/test_theme_override.py checks that nothing else'
            " differs.",
        ),
        "-  {% if not config.extra.generator == false %}",
        "+  {#- news-archive: Material's credit only where the plugin's option footer_credit asks"
        " for",
        "+      it (and extra.generator does not turn it off). -#}",
        "+  {% if news_archive_credit %}",
    ],
    # Each tab in fewer bytes: no class but the page's tab's, no whitespace around the title.
    "tabs-item.html": [
        *note(
            "  news-archive: Material for MkDocs' partials/tabs-item.html (9.x), each tab in"
            " fewer bytes,",
            '  marked "news-archive:"; tests/test_theme_override.py checks that nothing else'
            " differs.",
        ),
        '-  {% set class = "md-tabs__item" %}',
        "+  {#- news-archive: a tab and its link have no class but the page's tab's (archive.css"
        " styles",
        "+      the list's items and links as Material styles its classes), and its title is"
        " written",
        "+      without the whitespace around it: the tabs are on every page. -#}",
        '+  {% set class = "" %}',
        '-    {% set class = class ~ " md-tabs__item--active" %}',
        '+    {% set class = "md-tabs__item--active" %}',
        '-      <li class="{{ class }}">',
        '-        <a href="{{ first.url | url }}" class="md-tabs__link">',
        "-          {{ render_content(first, ref) }}",
        "-        </a>",
        "-      </li>",
        "+      <li{{ (' class=\"' ~ class ~ '\"') | safe if class }}>"
        '<a href="{{ first.url | url }}">'
        "{{ render_content(first, ref) | trim }}</a></li>",
        '-    <li class="{{ class }}">',
        '-      <a href="{{ nav_item.url | url }}" class="md-tabs__link">',
        "-        {{ render_content(nav_item) }}",
        "-      </a>",
        "-    </li>",
        "+    <li{{ (' class=\"' ~ class ~ '\"') | safe if class }}>"
        '<a href="{{ nav_item.url | url }}">'
        "{{ render_content(nav_item) | trim }}</a></li>",
    ],
    # Content tabs' scripts only where pages can have content tabs.
    "javascripts/content.html": [
        *note(
            "  news-archive: Material for MkDocs' partials/javascripts/content.html (9.x), its"
            " scripts",
            '  only on a site whose pages can have content tabs, marked "news-archive:";',
            "  tests/test_theme_override.py checks that nothing else differs.",
        ),
        "+{#- news-archive: content tabs come from pymdownx.tabbed; without it, no page has"
        " any. -#}",
        '+{% if "pymdownx.tabbed" in config.markdown_extensions %}',
        "+{% endif %}",
    ],
}


@pytest.mark.parametrize("partial", sorted(EXPECTED))
def test_a_partial_differs_from_the_installed_materials_only_by_our_changes(partial: str) -> None:
    ours = (THEME / "partials" / partial).read_text(encoding="utf-8").splitlines()
    theirs = (MATERIAL / "partials" / partial).read_text(encoding="utf-8").splitlines()
    changed = [
        line
        for line in difflib.unified_diff(theirs, ours, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == EXPECTED[partial], (
        f"{MATERIAL / 'partials' / partial} changed: copy it over {THEME / 'partials' / partial}"
        " and make our changes again (the lines marked news-archive:)"
    )


def test_every_partial_we_override_is_checked() -> None:
    ours = {
        path.relative_to(THEME / "partials").as_posix()
        for path in (THEME / "partials").rglob("*.html")
        if (MATERIAL / "partials" / path.relative_to(THEME / "partials")).exists()
    }
    assert ours == set(EXPECTED)


def blocks(template: str) -> dict[str, str]:
    """The top-level blocks of a Jinja template, by name (Material's are not nested)."""
    found = re.finditer(r"[ ]*\{% block (\w+) %\}.*?\{% endblock %\}", template, re.S)
    return {match.group(1): match.group() for match in found}


def test_our_base_replaces_blocks_of_materials_base_as_we_adapted_them() -> None:
    ours = blocks((THEME / "base.html").read_text(encoding="utf-8"))
    theirs = blocks((MATERIAL / "base.html").read_text(encoding="utf-8"))
    adapted = blocks(ADAPTED_BLOCKS.read_text(encoding="utf-8"))
    assert sorted(ours) == sorted(adapted) == ["config", "site_meta", "site_nav"]
    for name in ours:
        assert theirs.get(name) == adapted[name], (
            f"{MATERIAL / 'base.html'}: Material's block {name} changed: make its change in"
            f" our {THEME / 'base.html'} too, then copy the block into {ADAPTED_BLOCKS}"
        )


def test_the_features_left_out_of_the_scripts_configuration_are_not_read_by_the_script() -> None:
    """``theme/base.html`` gives Material's script its features without those only templates
    read: if Material's script starts reading one, it must be given again."""
    bundles = list((MATERIAL / "assets/javascripts").glob("bundle.*.min.js"))
    assert bundles
    script = bundles[0].read_text(encoding="utf-8")
    assert '"navigation.instant"' in script  # the way it names a feature it reads
    read = [feature for feature in TEMPLATE_FEATURES if f'"{feature}"' in script]
    assert read == []
