"""Keeping work between builds, so that a rebuild after a small change costs little.

Read articles kept by file hash, pages' fingerprints, and the files an earlier build wrote; each
cache is a JSON index that reads as empty when missing, foreign or older. A build without any
cache gives the same site.
"""
