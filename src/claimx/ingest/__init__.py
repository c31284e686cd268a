"""Stage 1: files → `Article`s: discovery, decoding, formats, HTML, language ID, boilerplate and templates."""
