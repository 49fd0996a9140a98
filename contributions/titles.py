"""Which title a reader is shown: the document's title in the reader's language when there is
one, else the original with its language marked.

Every page that names a document (detail, search, e-mails, and the register: its row builder
should call `title_for(document, translation.get_language())`) takes the title from here.
Callers prefetch `titles` when they show many documents (as a list in `titles_list`, which is
read first when present).
"""

from dataclasses import dataclass

from .models import Language

# The portal's interface languages and the letters of ITU's language versions (-A -C -E -F -R -S).
LETTER_FOR_LANGUAGE = {"ar": "A", "zh-hans": "C", "en": "E", "fr": "F", "ru": "R", "es": "S"}
LANGUAGE_FOR_LETTER = {letter: code for code, letter in LETTER_FOR_LANGUAGE.items()}


@dataclass(frozen=True)
class ShownTitle:
    text: str
    lang: str  # the HTML lang of the text, e.g. "fr"
    translated: bool  # in the reader's language (original or translation)
    language_name: str  # the name of its language, to mark a title not in the reader's language

    def __str__(self):
        return self.text


def letter_for(language):
    """The ITU language letter for a Django language code ("zh-hans" -> "C"); English otherwise."""
    return LETTER_FOR_LANGUAGE.get((language or "en").lower(), "E")


def title_for(document, language):
    letter = letter_for(language)
    if document.title_language == letter:
        return _shown(document.title, letter, True)
    titles = document.titles_list if hasattr(document, "titles_list") else document.titles.all()
    translated = next((title.title for title in titles if title.language == letter), None)
    return shown_title(document.title, document.title_language, translated, letter)


def shown_title(original, original_letter, translated, letter, language_names=None):
    """The title shown to a reader of `letter` (an ITU letter, `letter_for(language)`): the original
    when it is in that language, else `translated` (the document's title in it, or None), else the
    original with its language marked. For rows given as values (contributions/rows.py), which
    pass `language_names` ({letter: name}, translated once a page)."""
    if original_letter == letter:
        return _shown(original, letter, True, language_names)
    if translated is not None:
        return _shown(translated, letter, True, language_names)
    return _shown(original, original_letter, False, language_names)


def with_shown_titles(documents, language):
    """`documents` as a list, each with `shown_title`: its title for a reader of `language`."""
    documents = list(documents)
    for document in documents:
        document.shown_title = title_for(document, language)
    return documents


def _shown(text, letter, translated, language_names=None):
    name = language_names[letter] if language_names else str(Language(letter).label)
    return ShownTitle(text, LANGUAGE_FOR_LETTER[letter], translated, name)
