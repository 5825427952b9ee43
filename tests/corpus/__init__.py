"""Corpus of observation files for the loader tests (written at test time, never committed)."""
