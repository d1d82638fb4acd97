"""``python -m areasend.commands``: the same as the ``areasend`` console script."""

import sys

from areasend.commands import main

sys.exit(main())
