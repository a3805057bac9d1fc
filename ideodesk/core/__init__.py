"""Draft model, numbering, genres and text processing. Knows nothing of Qt."""
