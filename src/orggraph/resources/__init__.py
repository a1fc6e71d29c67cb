"""Reference data: gazetteers, units, word lists and cue tables, each file with its ``.SOURCE.md``."""
