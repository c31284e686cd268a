"""Time expressions: grammar and lexicon (data in `models/temporal/`), resolution against the article date."""
