"""Stage 4: `Claim`s → `Fact`s and `Conflict`s: entities and aliases, grouping, stories, relations, workers."""
