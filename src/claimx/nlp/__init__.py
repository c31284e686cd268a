"""Stage 2: clean text → spaCy `Doc`: pipelines per language, claimx's spaCy factories, batch annotation."""
