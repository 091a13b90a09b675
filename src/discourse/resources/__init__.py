"""Package data: speaker labels, stopwords, abbreviations, lemma corrections, connectors."""
