"""DetailQuote: price police off-duty details from each agency's published rules."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("detailquote")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
