"""Directory search in several scripts, with filters."""

from __future__ import annotations

from typing import List

import pytest

import atip
from support import firm, lawyer, ngo


@pytest.fixture
def directory(ch: atip.Clearinghouse) -> atip.Clearinghouse:
    ch.add(ngo())
    ch.add(firm())
    ch.add(lawyer("lawyer-th", names=["สมศรี ใจดี", "Somsri Jaidee"], firm_id="firm-1"))
    ch.add(lawyer("lawyer-vn", names=["Nguyễn Thị Lan"], jurisdiction="VN", languages={"vi": "native"}))
    ch.add(lawyer("lawyer-hk", names=["陳美玲", "Chan Mei Ling"], jurisdiction="HK",
                  languages={"yue-Hant": "native", "en": "professional"}))
    ch.add(atip.Service(id="service-kh", names=[atip.Name("មជ្ឈមណ្ឌលជំនួយផ្លូវច្បាប់"),
                                                 atip.Name("Legal Aid Centre Phnom Penh")],
                        jurisdiction="KH", languages=["km"]))
    ch.add(atip.Service(id="service-vn", names=[atip.Name("Trung tâm Trợ giúp Pháp lý")],
                        jurisdiction="VN", languages=["vi"]))
    ch.add(atip.Service(id="service-hk", names=[atip.Name("香港勞工權益中心")], jurisdiction="HK",
                        languages=["zh-Hant"]))
    return ch


def ids(hits: List[atip.SearchHit]) -> List[str]:
    return [hit.id for hit in hits]


def test_thai_name_and_its_romanisation(directory: atip.Clearinghouse) -> None:
    assert ids(directory.search("สมศรี")) == ["lawyer-th"]
    assert ids(directory.search("somsri")) == ["lawyer-th"]


def test_vietnamese_without_diacritics(directory: atip.Clearinghouse) -> None:
    hits = directory.search("tro giup phap ly")

    assert ids(hits) == ["service-vn"]
    assert hits[0].entity_type == "service"
    assert hits[0].matched_name == "Trung tâm Trợ giúp Pháp lý"
    assert "lawyer-vn" in ids(directory.search("nguyen thi lan"))


def test_khmer_and_chinese_written_without_spaces(directory: atip.Clearinghouse) -> None:
    assert ids(directory.search("មជ្ឈមណ្ឌលជំនួយផ្លូវច្បាប់")) == ["service-kh"]
    assert ids(directory.search("勞工")) == ["service-hk"]
    assert ids(directory.search("陳美玲")) == ["lawyer-hk"]


def test_search_zawgyi_query_finds_unicode(ch: atip.Clearinghouse, short_zawgyi_pair: tuple) -> None:
    zawgyi, unicode = short_zawgyi_pair
    ch.add(atip.Service(id="service-mm", names=[atip.Name(unicode)], jurisdiction="MM", languages=["my"]))

    assert ids(ch.search(zawgyi)) == ["service-mm"]


def test_filters_and_limit(directory: atip.Clearinghouse) -> None:
    assert ids(directory.search(entity_type="service", jurisdiction="VN")) == ["service-vn"]
    assert ids(directory.search(entity_type=atip.Lawyer, language="zh")) == []
    assert ids(directory.search(entity_type="lawyer", language="yue")) == ["lawyer-hk"]
    assert len(directory.search("", limit=2)) == 2


def test_bad_filters_raise(directory: atip.Clearinghouse) -> None:
    with pytest.raises(atip.InvalidArgumentError):
        directory.search("x", limit=0)
    with pytest.raises(atip.LimitExceededError):
        directory.search(" ".join(f"word{number}" for number in range(40)))
