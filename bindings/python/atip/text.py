"""Multilingual text helpers, the same ones the library applies to every
stored field and every search query: UTF-8 cleaning and NFC, Zawgyi
detection and conversion for Burmese, search keys, word segmentation for
scripts written without spaces (Thai, Khmer, Burmese, Chinese), collation
and display names. All are built on ICU and release the GIL."""

from __future__ import annotations

from typing import Iterable, List, Tuple

from . import _atip
from ._atip import Collator

__all__ = [
    "normalize", "prepare_input", "is_valid_utf8", "zawgyi_probability", "is_zawgyi", "zawgyi_to_unicode",
    "to_unicode", "unify_spelling_variants", "search_key", "name_keys", "segment_words",
    "canonical_language_tag", "language_display_name", "region_display_name", "Collator",
]


def normalize(text: str, field: str = "text") -> str:
    """`text` in Unicode Normalization Form C."""
    return _atip.normalize(text, field)


def prepare_input(text: str, field: str = "text") -> Tuple[str, bool]:
    """Cleans text as the library does on input: (text in NFC with Burmese in
    Unicode, whether it was converted from Zawgyi)."""
    return _atip.prepare_input(text, field)


def is_valid_utf8(data: bytes) -> bool:
    """True for well-formed UTF-8 without NUL bytes."""
    return _atip.is_valid_utf8(data)


def zawgyi_probability(text: str) -> float:
    """A score in [0, 1] that Burmese `text` is in the Zawgyi encoding (not calibrated)."""
    return _atip.zawgyi_probability(text)


def is_zawgyi(text: str) -> bool:
    """True when `text` looks like Burmese in the Zawgyi encoding."""
    return _atip.is_zawgyi(text)


def zawgyi_to_unicode(text: str) -> str:
    """Converts Zawgyi to Unicode unconditionally; use :func:`to_unicode`
    unless you know the text is Zawgyi (converting Unicode damages it)."""
    return _atip.zawgyi_to_unicode(text)


def to_unicode(text: str) -> str:
    """`text` with Burmese converted from Zawgyi only when detected, in NFC."""
    return _atip.prepare_input(text, "text")[0]


def unify_spelling_variants(text: str) -> str:
    """Unifies Khmer, Vietnamese and zero-width spelling variants that NFC leaves apart."""
    return _atip.unify_spelling_variants(text)


def search_key(text: str) -> str:
    """The search key: variants unified, transliterated to Latin where ICU can,
    diacritics removed, case folded, punctuation as single spaces."""
    return _atip.search_key(text)


def name_keys(names: Iterable[str]) -> List[str]:
    """The distinct, non-empty search keys of several names, sorted."""
    return _atip.name_keys(list(names))


def segment_words(text: str, locale: str = "") -> List[str]:
    """The words of `text` by ICU's word break rules, also for scripts without spaces."""
    return _atip.segment_words(text, locale)


def canonical_language_tag(tag: str, field: str = "language") -> str:
    """The canonical BCP 47 form of `tag` ("ZH-hant" -> "zh-Hant")."""
    return _atip.canonical_language_tag(tag, field)


def language_display_name(tag: str, display_locale: str = "en") -> str:
    """The name of a language in `display_locale` ("km" -> "Khmer")."""
    return _atip.language_display_name(tag, display_locale)


def region_display_name(region_code: str, display_locale: str = "en") -> str:
    """The name of a country or region in `display_locale` ("KH" -> "Cambodia")."""
    return _atip.region_display_name(region_code, display_locale)
