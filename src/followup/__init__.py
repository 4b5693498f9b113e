"""followup: whom may I contact today, and whom must I leave alone?"""

__version__ = "0.1.0"
