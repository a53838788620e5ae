"""`python -m detailquote`: the same command as `detailquote`."""

import sys

from .cli import main

sys.exit(main())
