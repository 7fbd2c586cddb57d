"""The text helpers: search keys, segmentation, Zawgyi, collation."""

from __future__ import annotations

import pytest

import atip
from atip import text


def test_search_keys_fold_case_diacritics_and_scripts() -> None:
    assert atip.search_key("Nguyễn Thị LAN") == "nguyen thi lan"
    assert atip.search_key("Ðặng") == atip.search_key("Đặng")
    assert atip.search_key("Zero\u200bwidth") == atip.search_key("Zerowidth")
    assert atip.search_key("สมศรี").isascii()
    assert atip.name_keys(["Lan", "LAN", ""]) == ["lan"]


def test_segmentation_of_scripts_without_spaces() -> None:
    words = atip.segment_words("ศาลแรงงานกลาง")

    assert len(words) >= 2
    assert "".join(words) == "ศาลแรงงานกลาง"
    assert atip.segment_words("Hello, world!") == ["Hello", "world"]


def test_zawgyi_detection_and_conversion(zawgyi_pair: tuple) -> None:
    zawgyi, unicode = zawgyi_pair

    assert atip.is_zawgyi(zawgyi)
    assert not atip.is_zawgyi(unicode)
    assert atip.zawgyi_probability(zawgyi) > 0.5 > atip.zawgyi_probability(unicode)
    assert atip.zawgyi_to_unicode(zawgyi) == text.normalize(unicode)
    assert atip.to_unicode(zawgyi) == text.normalize(unicode)
    assert atip.to_unicode(unicode) == text.normalize(unicode)
    assert text.prepare_input(zawgyi) == (text.normalize(unicode), True)


def test_normalization_and_validation() -> None:
    assert text.normalize("e\u0301") == "\u00e9"
    assert text.is_valid_utf8("ok".encode())
    assert not text.is_valid_utf8(b"\xff")


def test_language_tags_and_display_names() -> None:
    assert text.canonical_language_tag("ZH-hant") == "zh-Hant"
    assert text.language_display_name("km") == "Khmer"
    assert text.region_display_name("KH") == "Cambodia"
    with pytest.raises(atip.InvalidArgumentError):
        text.canonical_language_tag("xx-?")


def test_collator_orders_by_locale() -> None:
    collator = atip.Collator("vi")

    assert collator.sort(["Đức", "Dung", "Anh"]) == ["Anh", "Dung", "Đức"]
    assert collator.compare("a", "b") < 0
    assert isinstance(collator.sort_key("Anh"), bytes)
