"""DetailQuote: price police off-duty details from each agency's published rules."""

# The one place the version is written: pyproject.toml reads it from here. A literal, not
# importlib.metadata, which would add some 30 ms to every Excel session's first answer.
__version__ = "0.1.0"
