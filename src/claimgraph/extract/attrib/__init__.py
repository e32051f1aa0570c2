"""spaCy Doc → attribution relations: cue detection, span building, source resolution, annotation."""
