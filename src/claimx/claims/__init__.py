"""Stage 3: the one place a spaCy `Doc` becomes `Claim`s: triggers and frames, arguments, attribution, cues."""
