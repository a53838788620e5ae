"""`python -m detailquote`: the same command as `detailquote`."""

from .cli import run

run()
