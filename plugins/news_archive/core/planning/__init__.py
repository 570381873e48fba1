"""Planning the pages the archive adds to a site, from an `Archive`, before anything is rendered.

Which pages exist and at which paths: term and taxonomy pages, dated lists, their pagination
and A-Z letters, and the shards of the search index. Every page kind is planned in
``site_plan.py``'s `plan_pages`, with the template that renders it.
"""
