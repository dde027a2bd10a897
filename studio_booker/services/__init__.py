"""Use cases. Each call is one short transaction; callers pass the engine and the user.

Import from the submodules: `from studio_booker.services import bookings`.
"""
