"""DetailQuote's DETAIL_* functions in xlwings Lite.

Paste this file over the `main.py` tab of the xlwings Lite editor, and the
neighbouring `requirements.txt` over its `requirements.txt` tab. The functions
appear in Excel as =DETAIL_QUOTE(...), =DETAIL_QUOTES(...) and so on.
"""

from detailquote.udfs import *  # noqa: F401,F403  (each DETAIL_* function registers itself with xlwings)
