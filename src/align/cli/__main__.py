"""``python -m align.cli``: the ``align`` command without the installed script."""
import sys

from . import main

if __name__ == "__main__":
    sys.exit(main())
