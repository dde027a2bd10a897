"""Studio Booker: book stages, workshops and crew for film productions."""

__version__ = "0.1.0"
