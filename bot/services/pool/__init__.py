"""The shared pool and ownership: owners' terms, the return sweep, claims and reassignment."""
