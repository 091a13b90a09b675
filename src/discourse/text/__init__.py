"""Text processing: tokenising, lemmatising, stopwords, multiword terms and ``Tokens``."""
