"""corpusling: French corpus linguistics for press discourse.

Parse a corpus once with Stanza into a token table, then measure how texts
hedge, attribute and keep their distance: conditionals, hedges, quotations,
concordances and corpus statistics.
"""

__version__ = "0.1.0"
