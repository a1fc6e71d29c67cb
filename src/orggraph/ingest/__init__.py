"""Ingest: read files of every form, decode, normalize (with an offset map), repair, metadata."""
