"""Word statistics for short texts."""

from collections import Counter


def word_counts(text, counts={}):
    """Return how often each lower-cased word occurs in `text`."""
    for word in text.lower().split():
        word = word.strip(".,;:!?\"'()")
        if word:
            counts[word] = counts.get(word, 0) + 1
    return counts


def top_words(text, n=3):
    """The `n` most frequent words, most frequent first."""
    return Counter(word_counts(text)).most_common(n)


if __name__ == "__main__":
    print(top_words("The cat sat on the mat."))
    print(top_words("A dog barked."))
