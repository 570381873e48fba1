"""Reading and checking a project from disk: article files, registries, what may be published.

Most messages a contributor gets about a file are written here, with its line: front matter
field by field (``reader.py``), a registry's entries (``registry_file.py``), YAML without
duplicate keys or aliases, bodies Markdown could not read in reasonable time, characters no
page or feed may carry, files that may not be published. (Names no registry resolves and urls
two articles share are told in ``indexing/archive.py``.) The result is `Article` values,
`Registry` values and `Problem` lists; nothing here renders or writes a site.
"""
