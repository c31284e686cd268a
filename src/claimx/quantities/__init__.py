"""Numbers in text: numerals, lexicon (data in `models/quantities/`), and what each number counts."""
