"""``python -m corpusling``: the same as the ``corpusling`` command."""

import sys

from corpusling.cli import main

if __name__ == "__main__":
    sys.exit(main())
