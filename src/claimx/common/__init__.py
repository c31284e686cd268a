"""Helpers shared by every stage: text folding and offsets, union-find, fast records, error lines."""
