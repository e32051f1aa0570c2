"""Reports: analysis JSON, Markdown and HTML briefings, timeline and map."""
