"""Reading and checking a project from disk: article files, registries, what may be published.

Most messages a contributor gets about a file are written here, with its line: front matter
field by field (``reader.py``), YAML without duplicate keys or aliases, bodies Markdown could not
read in reasonable time, characters no page or feed may carry, files that may not be published.
(A registry's entries are checked in ``model/registry.py``; names no registry resolves and
urls two articles share, in ``indexing/archive.py``.) The result is `Article` values and
`Problem` lists; nothing here renders or writes a site.
"""
