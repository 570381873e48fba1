"""The ``import`` and ``import-feed`` commands' core: from a web page or a feed item to a draft.

Fetching (public addresses only, every redirect checked, one deadline), reading a saved page
(trafilatura) or a feed (feedparser) into an `Original`, turning its text into Markdown, and
mapping it onto the contract's front matter.
"""
