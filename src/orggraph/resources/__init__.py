"""Reference data: gazetteers, units, word lists and cue tables, each with its ``.SOURCE.md``."""
