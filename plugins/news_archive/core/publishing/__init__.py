"""What the archive publishes besides rendered pages, and the checks on what it publishes.

Feeds, open data (JSON, GeoJSON, CSV), sitemaps and ``robots.txt``, the machine-readable
metadata of each page, the small pages that forward former page numbers, the HTML allow-list of
article bodies, and the built site's size against the limits of the host it is published on.
"""
