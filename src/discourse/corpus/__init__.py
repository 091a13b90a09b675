"""Reading corpus folders: files, metadata, transcripts and paragraphs."""

from discourse.corpus.reader import Corpus, read_corpus

__all__ = ["Corpus", "read_corpus"]
