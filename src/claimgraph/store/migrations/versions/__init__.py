"""Migration scripts, one per schema revision, in order."""
