"""Per-article extraction: spaCy parse → entities, dates, places, attributions."""
