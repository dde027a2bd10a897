"""Plain-Python core: records, time handling and the conflict rules. No Qt, no database."""
