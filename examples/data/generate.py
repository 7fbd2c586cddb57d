#!/usr/bin/python3
"""Generate the atip demo data set (examples/data/demo.json) from public sources.

The output is an "atip-dataset" document (format version 1) with law firms,
NGOs, lawyers, matters, engagements, events and a community legal assistance
directory. It is seeded and deterministic: the same seed and the same source
files give identical bytes. Every person, matter, engagement and conflict
register in it is fictional; only the firm names of the UK Foreign Office list
of lawyers in Thailand and the organisation names of the kawsangs directories
are real public names. examples/data/README.md lists the sources and licences,
and docs/demo-data.md describes the contents.

Usage: generate.py [--seed N] [--output PATH] [--sources DIR] [--print-conflicts]

Python 3 standard library only.
"""

import argparse
import csv
import datetime
import json
import math
import os
import random
import re
import sys
import unicodedata

DEFAULT_SEED = 20200414
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SOURCES = os.path.join(HERE, "sources")
DEFAULT_OUTPUT = os.path.join(HERE, "demo.json")

# The data set describes the network as of this date: matters were created
# before it, engagements started before it, and unavailability lies around it.
AS_OF = datetime.date(2026, 6, 30)

# The five jurisdictions of the network, and every jurisdiction code that the
# library's reference data defines (a data set may refer to no other).
NETWORK = ["HK", "MM", "VN", "TH", "KH"]
REFERENCE_JURISDICTIONS = ["HK", "MM", "VN", "TH", "KH", "CN", "LA", "MY", "SG", "ID", "PH"]
COUNTRY_NAMES = {
    "HK": "Hong Kong", "MM": "Myanmar", "VN": "Viet Nam", "TH": "Thailand", "KH": "Cambodia",
    "CN": "China", "LA": "Laos", "MY": "Malaysia", "SG": "Singapore", "ID": "Indonesia",
    "PH": "the Philippines", "MU": "Mauritius", "BD": "Bangladesh", "SA": "Saudi Arabia",
    "QA": "Qatar", "KR": "South Korea", "KW": "Kuwait", "JP": "Japan",
}
NATIONALITY = {
    "KH": "Cambodian", "MM": "Myanmar", "VN": "Vietnamese", "TH": "Thai", "LA": "Lao",
    "PH": "Filipino", "HK": "Hong Kong", "CN": "Chinese",
}
# Court language of each network jurisdiction (the library's reference data
# has the full list; the first one is enough to pick local lawyers here).
COURT_LANGUAGE = {"HK": "yue", "MM": "my", "VN": "vi", "TH": "th", "KH": "km"}
# The language a client of each citizenship is assumed to speak.
CLIENT_LANGUAGE = {"KH": "km", "MM": "my", "VN": "vi", "TH": "th", "LA": "lo", "PH": "fil", "HK": "yue", "CN": "zh"}


# ---------------------------------------------------------------------------
# Reading the sources


def read_csv(sources, name):
    with open(os.path.join(sources, name), newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def unique(values):
    """Return `values` without repeats, in first-seen order (deterministic, unlike a set)."""
    seen = {}
    for value in values:
        seen.setdefault(value, None)
    return list(seen)


def weighted_choice(rng, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


def iso(day):
    return day.isoformat()


def days_before(day, count):
    return day - datetime.timedelta(days=count)


def days_after(day, count):
    return day + datetime.timedelta(days=count)


def name(value, lang, kind):
    return {"kind": kind, "lang": lang, "value": value}


# ---------------------------------------------------------------------------
# Text helpers


def strip_diacritics(text):
    """Latin text without diacritics: "Nguyễn Đức" -> "Nguyen Duc" (D with stroke and eth -> D)."""
    text = text.replace("Đ", "D").replace("đ", "d").replace("Ð", "D").replace("ð", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def khmer_key(text):
    """Key for comparing Khmer names typed differently: no spaces or zero-width
    characters, and the vowel AA typed after NIKAHIT (U+17C6 U+17B6) put back
    in its standard order (U+17B6 U+17C6), a difference NFC leaves alone."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[\s\u200b\u200c\u200d]+", "", text)
    return text.replace("\u17c6\u17b6", "\u17b6\u17c6")


def slug(text):
    ascii_text = strip_diacritics(text).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


# ---------------------------------------------------------------------------
# Thai romanisation
#
# The name corpora give Thai names in Thai script only, so the generator
# romanises them itself with a rule-based approximation of the Royal Thai
# General System (RTGS): tones are not written, each consonant has one value
# at the start of a syllable and one at the end, and a syllable without a
# written vowel takes "o" when a consonant closes it and "a" when it is open.
# Thai spelling of names is irregular (Pali and Sanskrit loans, silent
# letters), so the result is a plausible romanisation, not the spelling the
# person would use in a passport.

THAI_CONSONANTS = {
    "ก": ("k", "k"), "ข": ("kh", "k"), "ฃ": ("kh", "k"), "ค": ("kh", "k"), "ฅ": ("kh", "k"), "ฆ": ("kh", "k"),
    "ง": ("ng", "ng"), "จ": ("ch", "t"), "ฉ": ("ch", "t"), "ช": ("ch", "t"), "ซ": ("s", "t"), "ฌ": ("ch", "t"),
    "ญ": ("y", "n"), "ฎ": ("d", "t"), "ฏ": ("t", "t"), "ฐ": ("th", "t"), "ฑ": ("th", "t"), "ฒ": ("th", "t"),
    "ณ": ("n", "n"), "ด": ("d", "t"), "ต": ("t", "t"), "ถ": ("th", "t"), "ท": ("th", "t"), "ธ": ("th", "t"),
    "น": ("n", "n"), "บ": ("b", "p"), "ป": ("p", "p"), "ผ": ("ph", "p"), "ฝ": ("f", "p"), "พ": ("ph", "p"),
    "ฟ": ("f", "p"), "ภ": ("ph", "p"), "ม": ("m", "m"), "ย": ("y", "i"), "ร": ("r", "n"), "ล": ("l", "n"),
    "ว": ("w", "o"), "ศ": ("s", "t"), "ษ": ("s", "t"), "ส": ("s", "t"), "ห": ("h", ""), "ฬ": ("l", "n"),
    "อ": ("", ""), "ฮ": ("h", ""),
}
THAI_LEADING_VOWELS = "เแโใไ"
THAI_IGNORED = "\u0e48\u0e49\u0e4a\u0e4b\u0e46"  # tone marks and the repetition mark
THAI_KARAN = "\u0e4c"  # thanthakhat: silences the consonant it sits on
THAI_FOLLOWING_VOWELS = {
    "\u0e31": "a", "\u0e34": "i", "\u0e35": "i", "\u0e36": "ue", "\u0e37": "ue", "\u0e38": "u", "\u0e39": "u",
    "\u0e47": "", "\u0e32": "a", "\u0e30": "a", "\u0e33": "am",
}
THAI_CLUSTER_FIRST = "กขคตปผพ"
THAI_CLUSTER_SECOND = "รลว"


class _ThaiWord:
    """A Thai word without tone marks, with look-ahead helpers for the romaniser."""

    def __init__(self, text):
        self.text = "".join(c for c in text if c not in THAI_IGNORED)
        self.size = len(self.text)

    def at(self, k):
        return self.text[k] if 0 <= k < self.size else ""

    def consonant(self, k):
        return self.at(k) in THAI_CONSONANTS and self.at(k) != ""

    def vowel(self, k):
        return self.at(k) != "" and self.at(k) in THAI_FOLLOWING_VOWELS

    def silent_length(self, k):
        """Length of a silenced run starting at k (C์, Cิ์, Cุ์, ทร์, ษณ์), else 0."""
        if not self.consonant(k):
            return 1 if self.at(k) == THAI_KARAN else 0
        if self.at(k + 1) == THAI_KARAN:
            return 2
        if self.at(k + 1) in ("\u0e34", "\u0e38") and self.at(k + 2) == THAI_KARAN:
            return 3
        if self.at(k + 2) == THAI_KARAN and self.at(k) + self.at(k + 1) in ("ทร", "ตร", "ดร", "ฎร", "ษณ"):
            return 3
        return 0

    def skip_silent(self, k):
        while k < self.size:
            length = self.silent_length(k)
            if not length:
                break
            k += length
        return k

    def ends(self, k):
        return self.skip_silent(k) >= self.size


def _thai_initial(word, i, lead):
    """Read the initial consonant (or cluster) at i; return (romanised, next index)."""
    c = word.at(i)
    initial = THAI_CONSONANTS[c][0]
    i += 1
    following = word.at(i)
    if c == "ห" and following and following in "งญนมยรลว":
        return THAI_CONSONANTS[following][0], i + 1  # leading ห only sets the tone
    if c == "อ" and following == "ย" and not lead:
        return "y", i + 1
    if c in "ศสซ" and following == "ร" and word.vowel(i + 1):
        return initial, i + 1  # สร, ศร read "s"
    if c == "ท" and following == "ร" and word.vowel(i + 1):
        return "s", i + 1  # ทร reads "s"
    closed_by_lead = lead in ("ใ", "ไ") or (lead and following != "ว" and not word.ends(i + 1))
    if (c in THAI_CLUSTER_FIRST and following and following in THAI_CLUSTER_SECOND
            and word.silent_length(i) == 0 and (word.vowel(i + 1) or closed_by_lead)):
        return initial + THAI_CONSONANTS[following][0], i + 1
    return initial, i


def _thai_vowel(word, i, lead):
    """Read the vowel of a syllable at i; return (vowel or None, can take a final, next index)."""
    mark = word.at(i)
    pair = word.text[i:i + 2]
    if lead == "เ":
        if pair == "\u0e35ย":
            return "ia", True, i + 2
        if pair == "\u0e37อ":
            return "uea", True, i + 2
        if pair == "\u0e32\u0e30":
            return "o", False, i + 2
        if mark == "\u0e32":
            return "ao", False, i + 1
        if mark in ("\u0e34", "อ"):
            return "oe", True, i + 1
        if mark == "\u0e47":
            return "e", True, i + 1
        if mark == "\u0e30":
            return "e", False, i + 1
        return "e", True, i
    if lead == "แ":
        if mark == "\u0e30":
            return "ae", False, i + 1
        return "ae", True, i + 1 if mark == "\u0e47" else i
    if lead == "โ":
        if mark == "\u0e30":
            return "o", False, i + 1
        return "o", True, i
    if lead:  # ใ, ไ: "ai", with a silent ย after the consonant (ไทย)
        return "ai", False, i + 1 if mark == "ย" else i
    if mark == "\u0e31" and word.at(i + 1) == "ว":
        return "ua", True, i + 2
    if word.vowel(i):
        i += 1
        if mark == "\u0e37" and word.at(i) == "อ":
            i += 1
        return THAI_FOLLOWING_VOWELS[mark], mark not in ("\u0e30", "\u0e33"), i
    if mark == "อ" and (word.ends(i + 1) or word.consonant(i + 1) or word.at(i + 1) in THAI_LEADING_VOWELS):
        return "o", True, i + 1
    if mark == "ว" and word.consonant(i + 1) and not word.vowel(i + 2) and word.silent_length(i + 1) == 0:
        return "ua", True, i + 1
    return None, True, i


def _romanise_thai_word(text):
    word = _ThaiWord(text)
    syllables = []
    i = 0
    while i < word.size:
        i = word.skip_silent(i)
        if i >= word.size:
            break
        lead = ""
        if word.at(i) in THAI_LEADING_VOWELS:
            lead = word.at(i)
            i += 1
        if word.at(i) == "ฤ":
            syllables.append("ri" if syllables else "rue")
            i += 1
            continue
        if not word.consonant(i):
            i += 1
            continue
        initial, i = _thai_initial(word, i, lead)

        if not lead and word.at(i) == "ร" and word.at(i + 1) == "ร":
            # รร (ro han) is "a" before a final consonant and "an" at the end.
            i += 2
            if not (word.consonant(i) and not word.vowel(i + 1)):
                syllables.append(initial + "an")
                continue
            vowel, closable = "a", True
        else:
            vowel, closable, i = _thai_vowel(word, i, lead)

        final = ""
        candidate = word.at(i)
        takes_final = (closable and word.consonant(i) and word.silent_length(i) == 0 and not word.vowel(i + 1)
                       and not (vowel is None and word.at(i + 1) == "อ") and word.text[i + 1:i + 3] != "รร")
        if takes_final and not word.ends(i + 1) and word.consonant(i + 1) and word.ends(i + 2):
            takes_final = False  # a word ending "...พร" reads "phon": the consonant opens a new syllable
        if takes_final:
            if vowel is None:
                vowel = "o"  # inherent vowel of a closed syllable
            final = THAI_CONSONANTS[candidate][1]
            if candidate == "ย" and vowel in ("i", "e", "ae", "oe", "ia"):
                final = ""
            i += 1
        if vowel is None:
            vowel = "a"  # inherent vowel of an open syllable
        syllables.append(initial + vowel + final)
    romanised = "".join(syllables)
    return romanised[:1].upper() + romanised[1:]


def romanise_thai(text):
    """Approximate RTGS romanisation of a Thai name, word by word ("สมชาย ใจดี" -> "Somchai Chaidi")."""
    return " ".join(_romanise_thai_word(part) for part in text.split())


def alternative_thai_romanisation(romanised):
    """Another common way to spell a Thai romanisation ("Chaidi" -> "Jaidee"), as people
    write their names outside RTGS; used for near conflicts."""
    words = []
    for word in romanised.split():
        lower = word.lower()
        lower = re.sub(r"^ch", "j", lower)
        lower = re.sub(r"ph", "p", lower)
        lower = re.sub(r"i$", "ee", lower)
        lower = re.sub(r"(?<=[^aeiou])u$", "oo", lower)
        words.append(lower[:1].upper() + lower[1:])
    return " ".join(words)


# ---------------------------------------------------------------------------
# Merging spelling variants of one organisation
#
# Registers compiled at different times spell one firm differently
# ("Bangkok Lawyer Co., LTD." / "Bangkok Lawyer Co.,Ltd" / ...). The merge
# compares a normalised key: Unicode compatibility form, no diacritics, case
# folded, "&" read as "and", a parenthesised acronym of the name dropped,
# punctuation turned into spaces, and legal-form words removed (Co., Company,
# Ltd., Limited, International, Inc., the, and, ...). Two records are the same
# organisation when their keys are equal, or when both keys are long enough
# that a single-letter typo cannot make two firms collide (edit distance 1,
# keys of 10 characters or more). A rename ("Prachaya Law Office and
# Business" -> "Prachaya International Law Firm") cannot be told from a
# different firm by spelling, so renames come from an explicit table.

LEGAL_FORM_WORDS = [
    "co", "company", "ltd", "limited", "inc", "incorporated", "plc", "llc", "llp", "pte", "public",
    "corp", "corporation", "international", "intl", "the", "and",
]
MIN_KEY_LENGTH_FOR_TYPOS = 10
ACRONYM_SKIPPED_WORDS = ["for", "of", "and", "the", "in"]


def organisation_name_key(text):
    """Normalised comparison key of an organisation name ("Bangkok Lawyer Co., LTD." -> "bangkok lawyer")."""
    text = unicodedata.normalize("NFKC", text)
    text = strip_diacritics(text).casefold()
    text = text.replace("&", " and ")
    text = re.sub(r"\(\s*[a-z]{2,8}\s*\)", " ", text) if _has_acronym(text) else text
    text = re.sub(r"[^\w]+", " ", text)
    words = [word for word in text.split() if word not in LEGAL_FORM_WORDS]
    return " ".join(words)


def _has_acronym(text):
    """True when the text ends in a parenthesised acronym of its own words ("anglo-thai legal (atl)")."""
    match = re.search(r"\(\s*([a-z]{2,8})\s*\)\s*$", text)
    if not match:
        return False
    words = [w for w in re.findall(r"[a-z]+", text[:match.start()]) if w not in ACRONYM_SKIPPED_WORDS]
    initials = "".join(word[0] for word in words)
    return match.group(1) in initials or initials.startswith(match.group(1))


def parenthesised_acronym(text):
    """The acronym in "Anglo-Thai Legal (ATL)", or "" when the name has none."""
    match = re.search(r"\(\s*([A-Z]{2,8})\s*\)\s*$", text)
    return match.group(1) if match and _has_acronym(text.casefold()) else ""


def edit_distance(a, b):
    """Levenshtein distance between two strings."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def same_organisation_name(a, b):
    """True when two organisation names are spelling variants of each other."""
    key_a, key_b = organisation_name_key(a), organisation_name_key(b)
    if key_a == key_b:
        return True
    long_enough = min(len(key_a), len(key_b)) >= MIN_KEY_LENGTH_FOR_TYPOS
    return long_enough and edit_distance(key_a, key_b) <= 1


def cluster_records(records, same, renames=()):
    """Group records that describe one entity.

    `records` is a list of dicts with a "name" field; `same(a, b)` says whether
    two names are variants; `renames` lists (old name, new name) pairs known
    from outside the data. Returns a list of clusters (lists of records) in the
    order of each cluster's first record. Union-find over all pairs, so a chain
    of variants (A~B, B~C) ends in one cluster.
    """
    parent = list(range(len(records)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i, j):
        root_i, root_j = find(i), find(j)
        if root_i != root_j:
            parent[max(root_i, root_j)] = min(root_i, root_j)

    for i in range(len(records)):
        for j in range(i + 1, len(records)):
            if same(records[i]["name"], records[j]["name"]):
                union(i, j)
    for old, new in renames:
        old_index = [i for i, r in enumerate(records) if same(r["name"], old)]
        new_index = [i for i, r in enumerate(records) if same(r["name"], new)]
        for i in old_index:
            for j in new_index:
                union(i, j)

    clusters = {}
    for i in range(len(records)):
        clusters.setdefault(find(i), []).append(records[i])
    return list(clusters.values())


def merged_names(cluster, same, renames, display_lang="en"):
    """Names of a merged organisation: the current name first, then the other
    spellings of it ("alias") and the names it had before a rename ("former").

    The current name is the spelling group of the most recent record; within
    it, the earliest spelling is the display name. Records carry an integer
    "edition" (higher is more recent).
    """
    renamed_from = [old for old, new in renames]
    latest = max(cluster, key=lambda r: r["edition"])
    current_group = [r for r in cluster if same(r["name"], latest["name"])]
    if any(same(latest["name"], old) for old in renamed_from):
        current_group = [r for r in cluster if not any(same(r["name"], old) for old in renamed_from)] or current_group
    display = min(current_group, key=lambda r: (r["edition"], r["order"]))["name"]
    names = [name(display, display_lang, "primary")]
    for record in sorted(cluster, key=lambda r: (r["edition"], r["order"])):
        if record["name"] in [n["value"] for n in names]:
            continue
        kind = "alias" if record in current_group else "former"
        names.append(name(record["name"], display_lang, kind))
    acronyms = unique(parenthesised_acronym(r["name"]) for r in cluster)
    for acronym in acronyms:
        if acronym:
            names.append(name(acronym, display_lang, "alias"))
    return names


# ---------------------------------------------------------------------------
# Personal names from the corpora
#
# Each maker returns a list of names: the name in its own script first (the
# display name), then its romanisation or unaccented form, in the order the
# library's Name type expects ("primary", then "romanisation"/"alias").

# Common Burmese name syllables, by the gender they are mostly given to. Each
# is looked up in the ageekdev table (latn_to_my) for its Burmese spelling;
# the table's own order is alphabetical and has no frequencies, so the choice
# of common syllables is the generator's.
MY_MALE_SYLLABLES = [
    "kyaw", "zaw", "htun", "tun", "maung", "naing", "soe", "min", "thant", "aung", "win", "myint", "htet",
    "ye", "lin", "khant", "paing", "thura", "zeya", "hein", "thein", "moe", "myo", "kaung", "phyo",
    "pyae", "sithu", "zin", "lwin", "hlaing", "thet", "wunna", "arkar", "naung", "htoo",
]
MY_FEMALE_SYLLABLES = [
    "khin", "su", "ei", "phyu", "nwe", "nu", "mya", "thiri", "wai", "hnin", "sandar", "yadanar", "thida",
    "cho", "nandar", "thazin", "may", "myat", "hla", "san", "moe", "thu", "nyein", "thet", "zin", "yamin",
    "yin", "mar", "htwe", "aye", "chaw", "pwint", "wint", "shwe", "lwin",
]
# Honorifics of the mapmeld list that the generator uses, with their usual
# Latin spelling and who carries them (the list gives the Burmese only).
MY_HONORIFICS = {
    "ဦး": ("U", "male", None), "ဒေါ်": ("Daw", "female", None),
    "စော": ("Saw", "male", "kar"), "နော်": ("Naw", "female", "kar"),
    "စိုင်း": ("Sai", "male", "shn"), "နန်း": ("Nang", "female", "shn"),
    "ခွန်": ("Khun", "male", "shn"), "ဒေါက်တာ": ("Dr.", None, None),
}

# Hong Kong surnames in rough order of frequency; each is looked up in the
# surname table for its Hong Kong romanisation (first listed spelling).
HK_SURNAMES = "陳李張黃王林何吳劉梁鄭謝馮鄧葉蔡伍郭楊周徐麥曾彭潘袁羅盧譚蘇馬莫溫方關雷湯文甘廖韓侯石龔傅歐"
# Characters for given names. Those in the surname table take its Hong Kong
# romanisation; the others, common in Hong Kong given names but absent from
# the table, take the Hong Kong government romanisation written here.
HK_GIVEN_MALE = "志偉豪俊傑浩輝健達雄泰德耀凱銘永天樂國強明華文榮龍昌宗成柏源"
HK_GIVEN_FEMALE = "嘉詠欣慧敏詩婷美玲麗芳思寶儀珊翠秀淑佩穎君瑩琪晴恩雅燕鳳梅惠雲"
HK_GIVEN_ROMANISATION = {
    "志": "Chi", "偉": "Wai", "家": "Ka", "豪": "Ho", "嘉": "Ka", "詠": "Wing", "欣": "Yan", "慧": "Wai",
    "敏": "Man", "詩": "Sze", "婷": "Ting", "美": "Mei", "玲": "Ling", "麗": "Lai", "芳": "Fong", "俊": "Chun",
    "傑": "Kit", "浩": "Ho", "輝": "Fai", "思": "Sze", "健": "Kin", "達": "Tat", "雄": "Hung", "泰": "Tai",
    "德": "Tak", "寶": "Po", "儀": "Yi", "珊": "Shan", "翠": "Chui", "秀": "Sau", "淑": "Shuk", "佩": "Pui",
    "穎": "Wing", "君": "Kwan", "瑩": "Ying", "琪": "Kei", "晴": "Ching", "樂": "Lok", "天": "Tin",
    "永": "Wing", "耀": "Yiu", "凱": "Hoi", "銘": "Ming", "恩": "Yan", "雅": "Nga", "燕": "Yin",
}
# English names for foreign lawyers (no corpus of English names is among the
# sources; these are common British and Australian names).
EN_GIVEN_MALE = ["James", "Michael", "David", "Richard", "Thomas", "Andrew", "Mark", "Peter", "Simon", "Daniel",
                 "Matthew", "Jonathan", "Paul", "Christopher", "Edward", "Benjamin", "William", "Oliver"]
EN_GIVEN_FEMALE = ["Sarah", "Emma", "Catherine", "Rachel", "Helen", "Laura", "Rebecca", "Anna", "Claire",
                   "Jennifer", "Elizabeth", "Victoria", "Louise", "Alice", "Hannah", "Sophie", "Charlotte"]
EN_SURNAMES = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
               "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson",
               "Clarke", "Mitchell", "Bennett", "Harris", "Cooper", "Turner", "Morgan", "Hughes", "Fraser"]
# Approximate shares of the most common Vietnamese surnames (the fakerjs list
# has none); surnames not listed get a small weight.
VN_SURNAME_WEIGHTS = {"Nguyễn": 38, "Trần": 11, "Lê": 9.5, "Phạm": 7, "Hoàng": 5, "Huỳnh": 5, "Phan": 4.5,
                      "Vũ": 3.9, "Võ": 3.9, "Đặng": 2.1, "Bùi": 2, "Đỗ": 1.4, "Hồ": 1.3, "Ngô": 1.3,
                      "Dương": 1, "Lý": 0.5}


class NameCorpora:
    """The name corpora of the sources, ready for sampling."""

    def __init__(self, sources):
        faker = read_csv(sources, "faker_person_names_vi_th_zh.csv")
        fakerjs = read_csv(sources, "fakerjs_person_names_vi_th_zh_enHK.csv")

        def faker_values(locale, attribute):
            return [r["value"] for r in faker if r["faker_locale"] == locale and r["attribute"] == attribute]

        def fakerjs_values(locale, attribute):
            return [r["value"] for r in fakerjs if r["fakerjs_locale"] == locale and r["attribute"] == attribute]

        self.thai_given = {
            "female": unique(faker_values("th_TH", "first_names_female") + fakerjs_values("th", "first_name.female")),
            "male": unique(faker_values("th_TH", "first_names_male") + fakerjs_values("th", "first_name.male")),
        }
        self.thai_surnames = unique(faker_values("th_TH", "last_names") + fakerjs_values("th", "last_name.generic"))

        self.vn_surnames = unique(fakerjs_values("vi", "last_name.generic") + faker_values("vi_VN", "last_names"))
        self.vn_surname_weights = [VN_SURNAME_WEIGHTS.get(s, 0.3) for s in self.vn_surnames]
        self.vn_given = {"female": [], "male": []}
        for row in read_csv(sources, "vn_given_names_duyet.csv"):
            self.vn_given[row["gender"]].append(
                (row["given_name"], row["given_name_no_accents_from_source"], row["contains_U+00D0_ETH"] == "1"))

        syllables = {}
        for row in read_csv(sources, "my_name_syllables_ageekdev.csv"):
            if row["direction"] == "latn_to_my":
                syllables.setdefault(row["source"], row["target"])
        self.my_syllables = {
            "male": [(s.capitalize(), syllables[s]) for s in MY_MALE_SYLLABLES if s in syllables],
            "female": [(s.capitalize(), syllables[s]) for s in MY_FEMALE_SYLLABLES if s in syllables],
        }
        # Several Latin spellings map to one Burmese syllable ("lin", "linn",
        # "lynn"): the alternatives give near conflicts.
        self.my_spellings = {}
        for row in read_csv(sources, "my_name_syllables_ageekdev.csv"):
            if row["direction"] == "latn_to_my":
                self.my_spellings.setdefault(row["target"], []).append(row["source"].capitalize())
        prefixes = [row["prefix"] for row in read_csv(sources, "my_name_prefixes_mapmeld.csv")]
        self.my_honorifics = {p: MY_HONORIFICS[p] for p in prefixes if p in MY_HONORIFICS}

        self.km_given, self.km_surnames = [], []
        self.km_given_weights, self.km_surname_weights = [], []
        for row in read_csv(sources, "km_names_kname.csv"):
            pair = (row["khmer"], row["romanized"])
            weight = int(row["occurrences_in_source"])
            if row["component"] == "given" and pair not in self.km_given:
                self.km_given.append(pair)
                self.km_given_weights.append(weight)
            elif row["component"] == "surname" and pair not in self.km_surnames:
                self.km_surnames.append(pair)
                self.km_surname_weights.append(weight)

        table = {row["zh_trad"]: row for row in read_csv(sources, "zh_surnames_romanisations.csv")}
        hong_kong_spellings = set(fakerjs_values("en_HK", "last_name.generic"))
        self.hk_surnames = []
        for char in HK_SURNAMES:
            row = table.get(char)
            if row and row["hk_wikipedia"].split("/")[0] in hong_kong_spellings:
                self.hk_surnames.append((char, row["hk_wikipedia"].split("/")[0]))
        self.hk_surname_weights = [1.0 / math.sqrt(rank + 1) for rank in range(len(self.hk_surnames))]

        def given_romanisation(char):
            row = table.get(char)
            if row and row["hk_wikipedia"]:
                return row["hk_wikipedia"].split("/")[-1]
            return HK_GIVEN_ROMANISATION.get(char)

        self.hk_given = {
            "male": [(c, given_romanisation(c)) for c in HK_GIVEN_MALE if given_romanisation(c)],
            "female": [(c, given_romanisation(c)) for c in HK_GIVEN_FEMALE if given_romanisation(c)],
        }
        self.hk_table = table


class NameMaker:
    """Builds personal names of each culture with a seeded random generator."""

    def __init__(self, corpora, rng):
        self.corpora = corpora
        self.rng = rng

    def gender(self):
        return self.rng.choice(["female", "male"])

    def thai(self, gender):
        c = self.corpora
        given = self.rng.choice(c.thai_given[gender])
        surname = self.rng.choice(c.thai_surnames)
        script = given + " " + surname
        return [name(script, "th", "primary"), name(romanise_thai(script), "th-Latn", "romanisation")]

    def vietnamese(self, gender, keep_eth=False):
        """Surname + given name (with middle name) with diacritics, then the unaccented alias.
        The corpus types some names with U+00D0 for Đ; they are written with Đ
        unless `keep_eth`, which keeps the corpus spelling."""
        c = self.corpora
        surname = weighted_choice(self.rng, c.vn_surnames, c.vn_surname_weights)
        pool = c.vn_given[gender]
        if keep_eth:
            pool = [g for g in pool if g[2]]
        given, unaccented, _ = self.rng.choice(pool)
        if not keep_eth:
            given = given.replace("Ð", "Đ")
        full = surname + " " + given
        return [name(full, "vi", "primary"), name(strip_diacritics(surname) + " " + unaccented, "vi", "alias")]

    def burmese(self, gender, honorific=None, syllable_count=None):
        """Honorific + 2-3 syllables: "ဦးကျော်ဝင်း" / "U Kyaw Win", plus the name without honorific."""
        c = self.corpora
        if honorific is None:
            choices = [p for p, (_, g, _) in c.my_honorifics.items() if g == gender]
            honorific = weighted_choice(self.rng, choices, [8 if c.my_honorifics[p][2] is None else 1 for p in choices])
        count = syllable_count or self.rng.choice([2, 2, 2, 3])
        parts = [self.rng.choice(c.my_syllables[gender]) for _ in range(count)]
        latin_honorific = c.my_honorifics[honorific][0]
        latin = " ".join(p[0] for p in parts)
        script = honorific + "".join(p[1] for p in parts)
        return [name(script, "my", "primary"),
                name(latin_honorific + " " + latin, "my-Latn", "romanisation"),
                name(latin, "my-Latn", "alias")]

    def khmer(self):
        c = self.corpora
        surname = weighted_choice(self.rng, c.km_surnames, c.km_surname_weights)
        given = weighted_choice(self.rng, c.km_given, c.km_given_weights)
        return [name(surname[0] + " " + given[0], "km", "primary"),
                name(surname[1] + " " + given[1], "km-Latn", "romanisation")]

    def cantonese(self, gender, english_name=False):
        c = self.corpora
        surname = weighted_choice(self.rng, c.hk_surnames, c.hk_surname_weights)
        given = [self.rng.choice(c.hk_given[gender]) for _ in range(2)]
        script = surname[0] + "".join(g[0] for g in given)
        romanised = surname[1] + " " + " ".join(g[1] for g in given)
        names = [name(script, "zh-Hant", "primary"), name(romanised, "yue-Latn", "romanisation")]
        if english_name:
            first = self.rng.choice(EN_GIVEN_FEMALE if gender == "female" else EN_GIVEN_MALE)
            names.append(name(first + " " + romanised, "en", "alias"))
        return names

    def english(self, gender):
        first = self.rng.choice(EN_GIVEN_FEMALE if gender == "female" else EN_GIVEN_MALE)
        return [name(first + " " + self.rng.choice(EN_SURNAMES), "en", "primary")]

    def for_culture(self, culture, gender):
        if culture == "th":
            return self.thai(gender)
        if culture == "vi":
            return self.vietnamese(gender)
        if culture == "my":
            return self.burmese(gender)
        if culture == "km":
            return self.khmer()
        if culture == "yue":
            return self.cantonese(gender, english_name=self.rng.random() < 0.35)
        return self.english(gender)


# ---------------------------------------------------------------------------
# Organisations

# The three editions of the Foreign Office list, oldest first.
FCDO_EDITIONS = {"thailand-lawyers.ts": 1, "thailand-lawyers-1.ts": 2, "thailand-lawyers-2.ts": 3}
# Renames the spelling cannot show: same firm (same postcode, same regions
# and practice areas in the next edition) under a new name.
FCDO_RENAMES = [("Prachaya Law Office and Business", "Prachaya International Law Firm")]
# The list's 13-value practice vocabulary, mapped to the ATIP taxonomy codes
# that a lawyer of such a firm would plausibly cover.
FCDO_PRACTICE_AREAS = {
    "Criminal": ["prosecution.victim_representation", "prosecution.witness_support"],
    "Employment": ["labour.wage_claims", "labour.forced_labour", "ngo_operations.employment_contracts"],
    "Immigration": ["immigration.status", "immigration.repatriation"],
    "Personal injury": ["compensation.civil_compensation", "civil_claims"],
    "International": ["strategic_litigation", "immigration.repatriation"],
    "Maritime": ["labour.forced_labour", "compensation.civil_compensation"],
    "Family": ["general_advice", "victim_protection"],
    "Corporate": ["ngo_operations.registration", "general_advice"],
    "Tax": ["ngo_operations.tax"],
    "Health": ["victim_protection"],
    "Real estate": ["civil_claims"],
    "Bankruptcy": ["civil_claims"],
    "Intellectual property": ["general_advice"],
}
FCDO_REGION_COUNTRIES = {"Cambodia": "KH", "Indonesia": "ID", "Laos": "LA", "Myanmar": "MM", "Vietnam": "VN"}
# Practice areas of the fictional firms (the whole taxonomy minus NGO operations).
CASEWORK_AREAS = [
    "prosecution.victim_representation", "prosecution.witness_support", "victim_protection",
    "victim_protection.identification", "compensation.criminal_restitution", "compensation.civil_compensation",
    "strategic_litigation", "immigration.repatriation", "immigration.status", "labour.wage_claims",
    "labour.forced_labour", "civil_claims", "general_advice",
]


def fcdo_firms(sources):
    """The firms of the Foreign Office list, with spelling variants merged.

    Every row of the list gets a record id ("fcdo-e<edition>-<row>"); a firm
    found in several rows keeps the ids of all of them in `merged_from`.
    """
    rows = read_csv(sources, "fcdo_thailand_lawyers_firms.csv")
    records = []
    for order, row in enumerate(rows):
        edition = FCDO_EDITIONS[row["source_file"]]
        records.append({
            "name": row["firm_name"].strip(), "edition": edition, "order": order,
            "record_id": "fcdo-e%d-%02d" % (edition, order + 1), "row": row,
        })
    firms = []
    for cluster in cluster_records(records, same_organisation_name, FCDO_RENAMES):
        names = merged_names(cluster, same_organisation_name, FCDO_RENAMES)
        latest = max(cluster, key=lambda r: (r["edition"], r["order"]))["row"]
        areas = unique(a.strip() for r in cluster for a in r["row"]["practice_areas"].split(";") if a.strip())
        jurisdictions = ["TH"] + [code for country, code in FCDO_REGION_COUNTRIES.items()
                                  if country in latest["regions_served"]]
        editions = sorted(unique(r["edition"] for r in cluster))
        notes = ("UK Foreign Office list of lawyers in Thailand, edition%s %s. Regions served: %s. "
                 "Legal aid: %s. Pro bono: %s. Practice areas on the list: %s." % (
                     "s" if len(editions) > 1 else "", ", ".join(str(e) for e in editions),
                     latest["regions_served"].strip(), latest["legal_aid"] or "not stated",
                     latest["pro_bono"] or "not stated", "; ".join(areas)))
        firm = {
            "id": "firm-th-" + slug(organisation_name_key(names[0]["value"])),
            "kind": "law_firm",
            "names": names,
            "jurisdictions": jurisdictions,
            "notes": notes,
        }
        if len(cluster) > 1:
            firm["merged_from"] = [r["record_id"] for r in cluster]
        preferred = unique(code for area in areas for code in FCDO_PRACTICE_AREAS.get(area, []))
        firms.append((firm, preferred))
    return firms


def fictional_firm(rng, maker, jurisdiction, index, used_names):
    """A clearly fictional firm of HK, MM, VN or KH, named from the name corpora."""
    c = maker.corpora
    while True:
        if jurisdiction == "HK":
            picks = rng.sample(c.hk_surnames, rng.choice([2, 2, 3]))
            english = ", ".join(p[1] for p in picks[:-1]) + " & " + picks[-1][1] + " Solicitors"
            names = [name(english, "en", "primary"), name("".join(p[0] for p in picks) + "律師行", "zh-Hant", "script")]
        elif jurisdiction == "MM":
            parts = rng.sample(c.my_syllables["male"] + c.my_syllables["female"], 2)
            latin = " ".join(p[0] for p in parts)
            names = [name(latin + " Law Office", "en", "primary"),
                     name("".join(p[1] for p in parts) + " ဥပဒေရုံး", "my", "script")]
        elif jurisdiction == "VN":
            given, unaccented, _ = rng.choice(c.vn_given[rng.choice(["female", "male"])])
            given = given.replace("Ð", "Đ")
            names = [name("Công ty Luật TNHH " + given, "vi", "primary"),
                     name(unaccented + " Law Firm LLC", "en", "alias")]
        else:
            picks = rng.sample(c.km_surnames, 2)
            names = [name(picks[0][1] + " & " + picks[1][1] + " Law Group", "en", "primary"),
                     name("ការិយាល័យមេធាវី " + picks[0][0] + " និង " + picks[1][0], "km", "script")]
        key = organisation_name_key(names[0]["value"])
        if key not in used_names:
            used_names.append(key)
            break
    return {
        "id": "firm-%s-%02d" % (jurisdiction.lower(), index),
        "kind": "law_firm",
        "names": names,
        "jurisdictions": [jurisdiction],
        "notes": "Fictional firm made by the atip demo generator; any likeness to a real firm is coincidental.",
    }


# Words that mark a kawsangs entry as a public body rather than an NGO.
GOVERNMENT_WORDS = ["police", "embassy", "consulate", "department", "ministry", "hotline", "general of the kingdom",
                    "social welfare", "reporting violations", "kingdom emergency"]
GOVERNMENT_WORDS_KM = ["ស្ថានទូត", "ស្ថានកុងស៊ុល", "នាយកដ្ឋាន", "ប៉ូលីស", "ស្ថានអគ្គកុងស៊ុល"]
INTERGOVERNMENTAL = ["International Organization for Migration (IOM)"]


def kawsangs_kind(english, khmer):
    lowered = english.casefold()
    if english in INTERGOVERNMENTAL:
        return "other"
    if any(word in lowered for word in GOVERNMENT_WORDS) or any(word in khmer for word in GOVERNMENT_WORDS_KM):
        return "government"
    return "ngo"


def kawsangs_organisations(sources):
    """NGOs and public bodies of the kawsangs directory for Cambodian migrant workers.

    Entries in countries outside the library's reference jurisdictions are
    left out (a data set may refer only to known jurisdictions). A public body
    is one per country ("Police" in Thailand and in Viet Nam are two bodies,
    named with their country); an NGO listed in two countries is one
    organisation working in both (merged like the firms).
    """
    rows = read_csv(sources, "kawsangs_migrant_institutions_en_km.csv")
    records = []
    for order, row in enumerate(sorted(rows, key=lambda r: int(r["id"]))):
        country = row["country_codes"].strip().upper()
        if country not in REFERENCE_JURISDICTIONS:
            continue
        english = re.sub(r"\s*\(with icon\)", "", row["name"]).strip()
        khmer = row["name_km"].strip()
        kind = kawsangs_kind(english, khmer)
        has_english = not re.search(r"[\u1780-\u17ff]", english)
        records.append({"name": english if has_english else khmer, "khmer": khmer, "english": has_english,
                        "kind": kind, "country": country, "edition": 1, "order": order,
                        "record_id": "kawsangs-%s" % row["id"]})

    def same(a, b):
        return same_organisation_name(a, b)

    organisations = []
    ngo_records = [r for r in records if r["kind"] != "government"]
    public_records = [r for r in records if r["kind"] == "government"]
    for cluster in cluster_records(ngo_records, same):
        organisations.append(_kawsangs_organisation(cluster))
    for record in public_records:
        shared = [r for r in public_records if r["name"] == record["name"] and r["country"] != record["country"]]
        organisations.append(_kawsangs_organisation([record], qualify=bool(shared)))
    return organisations


def _kawsangs_organisation(cluster, qualify=False):
    first = cluster[0]
    display = first["name"]
    if qualify and first["english"]:
        display = "%s (%s)" % (first["name"], COUNTRY_NAMES[first["country"]])
    names = [name(display, "en" if first["english"] else "km", "primary")]
    if qualify and first["english"]:
        names.append(name(first["name"], "en", "alias"))
    for khmer in unique(r["khmer"] for r in cluster):
        if khmer and khmer not in [n["value"] for n in names]:
            names.append(name(khmer, "km", "script"))
    organisation = {
        "id": "org-" + first["record_id"],
        "kind": first["kind"],
        "names": names,
        "jurisdictions": unique(r["country"] for r in cluster),
        "notes": "Listed in the kawsangs directory of support for Cambodian migrant workers.",
    }
    if len(cluster) > 1:
        organisation["merged_from"] = [r["record_id"] for r in cluster]
    return organisation


def fictional_ngos():
    """NGOs that post matters where the directory has none (Myanmar) and the
    clearinghouse that runs the network; all fictional."""
    note = "Fictional organisation made by the atip demo generator."
    return [
        {"id": "ngo-mm-01", "kind": "ngo", "names": [name("Ayeyarwady Migrant Workers Legal Aid Network", "en", "primary")],
         "jurisdictions": ["MM"], "notes": note},
        {"id": "ngo-mm-02", "kind": "ngo", "names": [name("Tanintharyi Seafarers Support Group", "en", "primary")],
         "jurisdictions": ["MM", "TH"], "notes": note},
        {"id": "ngo-mm-03", "kind": "ngo", "names": [name("Shan State Women's Rights Centre", "en", "primary")],
         "jurisdictions": ["MM", "TH"], "notes": note},
        {"id": "org-clearinghouse", "kind": "other",
         "names": [name("Mekong Pro Bono Clearinghouse", "en", "primary")],
         "jurisdictions": list(NETWORK), "notes": note + " Runs the network and its workshops."},
    ]


# ---------------------------------------------------------------------------
# Jurisdictions the data set adds to the library's reference data: the home
# bars of the foreign lawyers, and the countries of exploitation of CTDC
# routes that the reference data lacks.

EXTRA_JURISDICTIONS = [
    {"code": "GB", "name": "United Kingdom", "court_languages": ["en"], "official_languages": ["en"],
     "activity_rules": {"appear_in_court": "local", "advise_local_law": "local"},
     "admission_notes": "Home bar of foreign lawyers in the demo network (solicitors of England and Wales)."},
    {"code": "AU", "name": "Australia", "court_languages": ["en"], "official_languages": ["en"],
     "activity_rules": {"appear_in_court": "local", "advise_local_law": "local"},
     "admission_notes": "Home bar of foreign lawyers in the demo network."},
    {"code": "MU", "name": "Mauritius", "court_languages": ["en", "fr"], "official_languages": ["en", "fr"],
     "activity_rules": {"appear_in_court": "local", "advise_local_law": "local"},
     "admission_notes": "Country of exploitation of a CTDC route; no lawyer of the network is admitted there."},
    {"code": "BD", "name": "Bangladesh", "court_languages": ["bn", "en"], "official_languages": ["bn"],
     "activity_rules": {"appear_in_court": "local", "advise_local_law": "local"},
     "admission_notes": "Country of exploitation of a CTDC route; no lawyer of the network is admitted there."},
]
KNOWN_JURISDICTIONS = REFERENCE_JURISDICTIONS + [j["code"] for j in EXTRA_JURISDICTIONS]


# ---------------------------------------------------------------------------
# Firms and organisations together

# Fictional firms per jurisdiction; with the merged Foreign Office firms this
# makes about 60 law firms.
FICTIONAL_FIRM_COUNTS = {"HK": 10, "MM": 9, "VN": 10, "KH": 9}
# Firms of the Foreign Office list known for work with foreign clients: a
# share of their lawyers are foreign (English-speaking) consultants.
INTERNATIONAL_TH_FIRMS = ["firm-th-tilleke-gibbins", "firm-th-chaninat-leeds", "firm-th-anglo-thai-legal",
                          "firm-th-price-sanond", "firm-th-siam-attorney", "firm-th-bangkok-associates"]


def build_firms(rng, maker, sources):
    """Build every law firm as (record, preferred practice areas), Foreign Office firms first."""
    firms = fcdo_firms(sources)
    used_names = [organisation_name_key(f["names"][0]["value"]) for f, _ in firms]
    for jurisdiction, count in FICTIONAL_FIRM_COUNTS.items():
        for index in range(1, count + 1):
            firm = fictional_firm(rng, maker, jurisdiction, index, used_names)
            preferred = rng.sample(CASEWORK_AREAS, 4)
            firms.append((firm, preferred))
    return firms


# ---------------------------------------------------------------------------
# Lawyers

# Lawyers per firm (range) and independent lawyers per jurisdiction. The
# numbers follow the expected demand: many matters are heard in Cambodia,
# Myanmar and Thailand, fewer in Viet Nam and Hong Kong.
LAWYERS_PER_FIRM = {"TH": (4, 9), "HK": (5, 9), "MM": (9, 14), "VN": (6, 10), "KH": (9, 14)}
LARGE_FIRMS = {"firm-th-tilleke-gibbins": 18, "firm-th-bangkok-associates": 10}
INDEPENDENT_LAWYERS = {"TH": 15, "HK": 6, "MM": 14, "VN": 8, "KH": 20}
# Share of foreign (English-speaking) lawyers among the lawyers of a firm.
FOREIGN_SHARE = {"TH": 0.08, "HK": 0.18, "MM": 0.04, "VN": 0.06, "KH": 0.08}
INTERNATIONAL_FOREIGN_SHARE = 0.3
CULTURE_OF = {"TH": "th", "HK": "yue", "MM": "my", "VN": "vi", "KH": "km"}
# Second languages that local lawyers speak, with the share that speaks each
# and the usual proficiency (border regions and migrant communities).
SECOND_LANGUAGES = {
    "TH": [("my", 0.05, "working"), ("km", 0.03, "working"), ("lo", 0.03, "working"), ("zh-Hans", 0.05, "working")],
    "KH": [("th", 0.14, "working"), ("vi", 0.05, "basic"), ("fr", 0.12, "working"), ("zh-Hans", 0.04, "basic")],
    "MM": [("th", 0.10, "working"), ("zh-Hans", 0.04, "working")],
    "VN": [("zh-Hans", 0.08, "working"), ("km", 0.04, "working"), ("fr", 0.04, "basic")],
    "HK": [("zh-Hans", 0.55, "professional"), ("fil", 0.04, "basic"), ("vi", 0.02, "working")],
}
ENGLISH_LEVELS = (["professional", "working", "basic", None], [40, 35, 15, 10])
MINORITY_LANGUAGE_OF_HONORIFIC = {"kar": "kar", "shn": "shn"}


def lawyer_names(maker, culture, gender):
    if culture == "my":
        return maker.burmese(gender)
    return maker.for_culture(culture, gender)


def burmese_minority(names, corpora):
    """Return the minority language a Burmese honorific marks (Saw/Naw: Karen, Sai/Nang/Khun: Shan), or None."""
    for prefix, (_, _, language) in corpora.my_honorifics.items():
        if names[0]["value"].startswith(prefix) and language:
            return language
    return None


def lawyer_languages(rng, corpora, jurisdiction, culture, names, foreign):
    if foreign:
        languages = [{"tag": "en", "proficiency": "native"}]
        local = COURT_LANGUAGE[jurisdiction]
        level = weighted_choice(rng, ["basic", "working", None], [45, 20, 35])
        if level:
            languages.append({"tag": local, "proficiency": level})
        return languages
    native = {"th": "th", "yue": "yue", "my": "my", "vi": "vi", "km": "km"}[culture]
    languages = [{"tag": native, "proficiency": "native"}]
    if culture == "my":
        minority = burmese_minority(names, corpora)
        if minority:
            languages.append({"tag": minority, "proficiency": "native"})
    if culture == "yue":
        languages.append({"tag": "zh-Hant", "proficiency": "native"})
    english = weighted_choice(rng, *ENGLISH_LEVELS)
    if jurisdiction == "HK":
        english = "professional"  # Hong Kong courts hear cases in English too
    if english:
        languages.append({"tag": "en", "proficiency": english})
    for tag, share, level in SECOND_LANGUAGES[jurisdiction]:
        if rng.random() < share:
            languages.append({"tag": tag, "proficiency": level})
    return languages


def lawyer_admissions(rng, jurisdiction, foreign, years):
    """Make admissions that follow each jurisdiction's rules.

    Only nationals join the bars of Thailand, Cambodia, Viet Nam and Myanmar,
    so a foreign lawyer there holds only a home admission (GB or AU). In Hong
    Kong a foreign solicitor may also be admitted locally after the
    qualification examination."""
    since = date_years_ago(rng, years)
    if foreign:
        home = weighted_choice(rng, ["GB", "AU"], [3, 1])
        admissions = [{"jurisdiction": home, "since": iso(since)}]
        if jurisdiction == "HK" and rng.random() < 0.5:
            admissions.append({"jurisdiction": "HK", "since": iso(days_after(since, rng.randint(400, 2500)))})
        return [a for a in admissions if a["since"] < iso(AS_OF)]
    admissions = [{"jurisdiction": jurisdiction, "since": iso(since)}]
    if jurisdiction == "HK" and rng.random() < 0.2:
        admissions.append({"jurisdiction": "GB", "since": iso(days_after(since, rng.randint(200, 1500)))})
    if rng.random() < 0.03:
        admissions[0]["status"] = weighted_choice(rng, ["inactive", "suspended"], [2, 1])
    return [a for a in admissions if a["since"] < iso(AS_OF)]


def date_years_ago(rng, years):
    return days_before(AS_OF, int(years * 365.25) + rng.randint(0, 300))


def lawyer_practice_areas(rng, preferred, years):
    count = weighted_choice(rng, [1, 2, 3, 4], [15, 40, 30, 15])
    pool = unique(preferred + CASEWORK_AREAS)
    weights = [4 if code in preferred else 1 for code in pool]
    chosen = []
    while len(chosen) < count:
        code = weighted_choice(rng, pool, weights)
        if code not in chosen:
            chosen.append(code)
    return [{"code": code, "years": rng.randint(0, max(0, years))} for code in chosen]


def make_lawyer(rng, maker, lawyer_id, jurisdiction, firm_id, preferred, foreign):
    gender = maker.gender()
    culture = "en" if foreign else CULTURE_OF[jurisdiction]
    names = lawyer_names(maker, culture, gender)
    years = weighted_choice(rng, [1, 3, 6, 10, 16, 25], [12, 22, 25, 20, 14, 7]) + rng.randint(0, 2)
    lawyer = {
        "id": lawyer_id,
        "names": names,
        "status": weighted_choice(rng, ["active", "inactive", "suspended"], [93, 5, 2]),
        "vetted": rng.random() < 0.88,
        "admissions": lawyer_admissions(rng, jurisdiction, foreign, years),
        "languages": lawyer_languages(rng, maker.corpora, jurisdiction, culture, names, foreign),
        "practice_areas": lawyer_practice_areas(rng, preferred, years),
        "max_active_matters": weighted_choice(rng, [1, 2, 3, 4, 5], [20, 35, 25, 12, 8]),
        "response_days": weighted_choice(rng, [1, 2, 3, 5, 7, 10], [15, 25, 25, 15, 12, 8]),
        "trainings": [],
    }
    if firm_id:
        lawyer["firm"] = firm_id
    if rng.random() < 0.06:
        start = days_after(AS_OF, rng.randint(-20, 40))
        lawyer["unavailable"] = [{"from": iso(start), "to": iso(days_after(start, rng.randint(14, 90)))}]
    if foreign:
        lawyer["notes"] = "Foreign lawyer working in %s; not admitted to its bar." % COUNTRY_NAMES[jurisdiction] \
            if not any(a["jurisdiction"] == jurisdiction for a in lawyer["admissions"]) else \
            "Foreign lawyer, also admitted in %s." % COUNTRY_NAMES[jurisdiction]
    return lawyer


def build_lawyers(rng, maker, firms):
    lawyers = []

    def next_id(jurisdiction):
        return "lawyer-%s-%03d" % (jurisdiction.lower(), sum(1 for l in lawyers if l["id"][7:9] == jurisdiction.lower()) + 1)

    for firm, preferred in firms:
        jurisdiction = firm["jurisdictions"][0]
        low, high = LAWYERS_PER_FIRM[jurisdiction]
        count = LARGE_FIRMS.get(firm["id"]) or rng.randint(low, high)
        share = INTERNATIONAL_FOREIGN_SHARE if firm["id"] in INTERNATIONAL_TH_FIRMS else FOREIGN_SHARE[jurisdiction]
        for _ in range(count):
            foreign = rng.random() < share
            lawyers.append(make_lawyer(rng, maker, next_id(jurisdiction), jurisdiction, firm["id"], preferred, foreign))
    for jurisdiction, count in INDEPENDENT_LAWYERS.items():
        for _ in range(count):
            lawyer = make_lawyer(rng, maker, next_id(jurisdiction), jurisdiction, None,
                                 ["prosecution.victim_representation", "labour.wage_claims"], False)
            lawyers.append(lawyer)
    return lawyers


def lawyer_jurisdiction(lawyer):
    return lawyer["id"][7:9].upper()


# ---------------------------------------------------------------------------
# Events: workshops and roundtables; attendance becomes a training record.

EVENT_PLAN = [
    # (jurisdiction, kind, title, topics, days before AS_OF, attendees)
    ("TH", "workshop", "Representing trafficked fishers in Thai labour courts",
     ["labour.forced_labour", "labour.wage_claims"], 420, 28),
    ("TH", "roundtable", "Compensation under the Thai Anti-Trafficking in Persons Act",
     ["compensation.criminal_restitution", "compensation.civil_compensation"], 250, 16),
    ("TH", "webinar", "Interpreters for Khmer and Burmese survivors in Thai proceedings",
     ["prosecution.witness_support"], 90, 24),
    ("KH", "workshop", "Victim representation under the 2008 Cambodian trafficking law",
     ["prosecution.victim_representation", "victim_protection"], 380, 26),
    ("KH", "workshop", "Repatriation and reintegration of Cambodian workers",
     ["immigration.repatriation"], 150, 20),
    ("MM", "workshop", "Claims of returned Myanmar fishers",
     ["labour.forced_labour", "compensation.civil_compensation"], 300, 24),
    ("MM", "roundtable", "Working with Shan and Karen survivors",
     ["victim_protection.identification"], 120, 14),
    ("VN", "workshop", "The 2024 Law on Prevention and Combat of Human Trafficking",
     ["prosecution.victim_representation", "victim_protection"], 60, 22),
    ("VN", "webinar", "Cross-border cases of Vietnamese women in Malaysia",
     ["immigration.repatriation", "strategic_litigation"], 200, 14),
    ("HK", "workshop", "Trafficking indicators in domestic worker cases",
     ["victim_protection.identification", "labour.wage_claims"], 330, 18),
    ("HK", "roundtable", "Judicial review and the non-punishment principle",
     ["strategic_litigation", "victim_protection.identification"], 100, 12),
    ("KH", "webinar", "Non-punishment of trafficked persons in the Mekong region",
     ["victim_protection.identification"], 30, 30),
]


def build_events(rng, lawyers):
    events = []
    for index, (jurisdiction, kind, title, topics, days, attendance) in enumerate(EVENT_PLAN, 1):
        pool = [l for l in lawyers if lawyer_jurisdiction(l) == jurisdiction and l["status"] == "active"]
        attendees = sorted(l["id"] for l in rng.sample(pool, min(attendance, len(pool))))
        event = {
            "id": "event-%02d" % index,
            "title": title,
            "kind": kind,
            "date": iso(days_before(AS_OF, days)),
            "jurisdiction": jurisdiction,
            "topics": topics,
            "organizer": "org-clearinghouse",
            "attendees": attendees,
        }
        events.append(event)
    by_id = {l["id"]: l for l in lawyers}
    for event in events:
        for lawyer_id in event["attendees"]:
            for topic in event["topics"]:
                by_id[lawyer_id]["trainings"].append(
                    {"topic": topic, "jurisdiction": event["jurisdiction"], "date": event["date"], "event": event["id"]})
    # Older trainings from before the network kept attendance records.
    for lawyer in lawyers:
        if rng.random() < 0.15:
            lawyer["trainings"].append({"topic": rng.choice(CASEWORK_AREAS), "jurisdiction": lawyer_jurisdiction(lawyer),
                                        "date": iso(days_before(AS_OF, rng.randint(800, 2500)))})
        lawyer["trainings"].sort(key=lambda t: (t["date"], t["topic"]))
    return events


# ---------------------------------------------------------------------------
# Matters from the CTDC counts
#
# Each matter stands for one identified case of a CTDC route (citizenship ->
# country of exploitation), with the client's sex, age band and exploitation
# type. Matters are allotted to the CTDC rows in proportion to their counts
# (largest remainder), so the shares of routes and exploitation types match
# the counts as closely as whole matters allow. Rows whose country of
# exploitation is unknown are left out: a matter needs a forum, and the
# route cannot be shown.
#
# The forum is the country of exploitation when it is in the network, so a
# Cambodian worker's wage claim is heard in Thailand. Otherwise the work is
# done at home, in the citizenship country, and the country of exploitation
# is the first related jurisdiction. So the route of every matter can be read
# back: exploitation = forum unless forum == citizenship and a related
# jurisdiction is listed.

CTDC_ATTRIBUTION = "Counter-Trafficking Data Collaborative (CTDC), Global Dataset, 14 Apr 2020"
CTDC_MATTERS = 300

# Practice areas per exploitation type, with weights.
AREAS_BY_EXPLOITATION = {
    "forced_labour": (["labour.forced_labour", "labour.wage_claims", "compensation.civil_compensation",
                       "compensation.criminal_restitution", "immigration.repatriation", "prosecution.victim_representation"],
                      [30, 25, 15, 10, 12, 8]),
    "sexual_exploitation": (["prosecution.victim_representation", "compensation.criminal_restitution",
                             "victim_protection", "prosecution.witness_support", "immigration.status"],
                            [35, 20, 20, 15, 10]),
    "other_or_unspecified": (["victim_protection.identification", "labour.wage_claims", "immigration.status",
                              "general_advice"], [30, 30, 25, 15]),
    "unknown": (["victim_protection.identification", "immigration.repatriation", "general_advice",
                 "prosecution.witness_support"], [30, 30, 25, 15]),
}
HELP_BY_AREA = {
    "prosecution": "representation", "compensation": "representation", "labour": "representation",
    "victim_protection": "advice", "immigration": "advice", "general_advice": "advice",
    "strategic_litigation": "representation", "civil_claims": "representation",
}
EXPLOITATION_WORDS = {
    "forced_labour": "forced labour", "sexual_exploitation": "sexual exploitation",
    "other_or_unspecified": "exploitation of an unspecified kind", "unknown": "exploitation of an unrecorded kind",
}
AREA_TITLES = {
    "labour.forced_labour": "Forced labour claim",
    "labour.wage_claims": "Unpaid wages claim",
    "compensation.civil_compensation": "Civil compensation claim",
    "compensation.criminal_restitution": "Restitution in the criminal case",
    "immigration.repatriation": "Repatriation and documents",
    "immigration.status": "Residence status while the case runs",
    "prosecution.victim_representation": "Representation of the victim at trial",
    "prosecution.witness_support": "Support as a prosecution witness",
    "victim_protection": "Protection order and shelter",
    "victim_protection.identification": "Formal identification as a victim",
    "general_advice": "General legal advice",
}
SECTOR_BY_ROUTE = {
    ("MM", "ID"): "a fishing vessel", ("KH", "ID"): "a fishing vessel", ("TH", "ID"): "a fishing vessel",
    ("KH", "TH"): "a construction site", ("LA", "TH"): "a garment workshop", ("KH", "MY"): "a palm oil estate",
    ("KH", "CN"): "a household after a brokered marriage", ("PH", "HK"): "a private household",
    ("MM", "BD"): "a farm", ("KH", "MU"): "a fishing vessel",
}


def ctdc_rows(sources):
    rows = []
    for row in read_csv(sources, "ctdc_2020_kanon_aggregate_hk_mm_vn_th_kh.csv"):
        if row["countryOfExploitation"] == "unknown":
            continue
        rows.append(row)
    return rows


def apportion(counts, total):
    """Largest-remainder apportionment of `total` whole units to `counts`
    (ties broken by position, so the result is deterministic)."""
    whole = sum(counts)
    quotas = [c * total / whole for c in counts]
    shares = [int(q) for q in quotas]
    order = sorted(range(len(counts)), key=lambda i: (-(quotas[i] - shares[i]), i))
    for i in order[:total - sum(shares)]:
        shares[i] += 1
    return shares


def matter_route(citizenship, exploitation):
    """(forum, related jurisdictions) of a matter of a route (see above)."""
    if exploitation in NETWORK:
        related = [citizenship] if citizenship not in ("unknown", exploitation) else []
        return exploitation, related
    return citizenship, [exploitation]


def ngo_pool(organisations, forum):
    ngos = [o["id"] for o in organisations if o["kind"] == "ngo" and forum in o["jurisdictions"]]
    return ngos


class PartyMaker:
    """Parties of matters: alleged traffickers, employers and recruitment agencies."""

    EMPLOYER_WORDS = {
        "TH": (["Samut", "Songkhla", "Ranong", "Chonburi", "Pattani", "Mahachai", "Rayong"],
               ["Seafood", "Fishery", "Garment", "Construction", "Frozen Food", "Poultry"], "Co., Ltd."),
        "KH": (["Angkor", "Mekong", "Tonle", "Kampot", "Battambang"], ["Garment", "Brick", "Construction", "Rubber"],
               "Co., Ltd."),
        "MM": (["Myeik", "Kawthaung", "Yangon", "Mawlamyine"], ["Fishing", "Jade", "Manpower", "Trading"],
               "Company Limited"),
        "VN": (["Hải Phòng", "Sài Gòn", "Mê Kông", "Hà Nội"], ["Xuất khẩu Lao động", "Thủy sản", "Thương mại"], ""),
        "HK": (["Harbour", "Kowloon", "Victoria", "Pearl River"], ["Employment Agency", "Trading", "Services"], "Limited"),
        "ID": (["Benoa", "Ambon", "Tual"], ["Perikanan", "Samudra"], ""),
        "MY": (["Johor", "Sabah", "Selangor"], ["Plantation", "Manufacturing"], "Sdn. Bhd."),
        "CN": (["Guangxi", "Yunnan"], ["Matchmaking", "Trading"], "Co., Ltd."),
    }

    def __init__(self, rng, maker):
        self.rng = rng
        self.maker = maker

    def company(self, country, role):
        places, trades, suffix = self.EMPLOYER_WORDS.get(country, self.EMPLOYER_WORDS["TH"])
        place, trade = self.rng.choice(places), self.rng.choice(trades)
        if country == "VN":
            value = "Công ty TNHH %s %s" % (trade, place)
            return [name(value, "vi", "primary"), name(strip_diacritics(value), "vi", "alias")]
        if country == "ID":
            return [name("PT %s %s" % (trade, place), "id", "primary")]
        if role == "recruitment_agency" and country != "HK":
            trade = self.rng.choice(["Manpower", "Recruitment", "Overseas Employment"])
        return [name(" ".join(p for p in [place, trade, suffix] if p), "en", "primary")]

    def person(self, country):
        culture = {"TH": "th", "KH": "km", "MM": "my", "VN": "vi", "HK": "yue", "CN": "yue"}.get(country, "th")
        return lawyer_names(self.maker, culture, self.maker.gender())

    def parties(self, citizenship, exploitation):
        employer_country = exploitation if exploitation in self.EMPLOYER_WORDS else "TH"
        home = citizenship if citizenship in self.EMPLOYER_WORDS else employer_country
        parties = [{"kind": "organization", "role": "employer", "names": self.company(employer_country, "employer")}]
        if citizenship != exploitation and self.rng.random() < 0.6:
            parties.append({"kind": "organization", "role": "recruitment_agency",
                            "names": self.company(home, "recruitment_agency")})
        if self.rng.random() < 0.7:
            # A broker from home when the work was abroad outside the network.
            person_country = exploitation if exploitation in NETWORK else home
            parties.append({"kind": "person", "role": "alleged_trafficker", "names": self.person(person_country)})
        return parties


MATTER_STATUS_WEIGHTS = (["vetted", "circulated", "interest_expressed", "conflict_check", "placed",
                          "in_progress", "closed", "draft", "withdrawn"],
                         [22, 30, 6, 4, 4, 10, 16, 5, 3])
OPEN_STATUSES = ["vetted", "circulated", "interest_expressed", "conflict_check"]


def build_matters(rng, maker, organisations, sources):
    rows = ctdc_rows(sources)
    allotted = apportion([int(r["count"]) for r in rows], CTDC_MATTERS)
    parties = PartyMaker(rng, maker)
    matters = []
    for row, count in zip(rows, allotted):
        for _ in range(count):
            matters.append(ctdc_matter(rng, row, parties, organisations))
    # Shuffle before numbering, so matter ids do not follow the CSV order.
    rng.shuffle(matters)
    for index, matter in enumerate(matters, 1):
        matter["id"] = "matter-%03d" % index
        matter["client_ref"] = "client-%05d" % rng.randint(10000, 99999)
    return matters


def ctdc_matter(rng, row, parties, organisations):
    citizenship, exploitation = row["citizenship"], row["countryOfExploitation"]
    kind = row["exploitationType"]
    forum, related = matter_route(citizenship, exploitation)
    area = weighted_choice(rng, *AREAS_BY_EXPLOITATION[kind])
    help_kind = HELP_BY_AREA[area.split(".")[0]]
    # The client's language only, because the matcher itself requires the
    # court language for court-facing work.
    languages = [CLIENT_LANGUAGE.get(citizenship, COURT_LANGUAGE[forum])]
    activities = ["advise_local_law"]
    if help_kind == "representation":
        activities = ["appear_in_court", "draft", "advise_local_law"] if rng.random() < 0.7 else ["draft", "advise_local_law"]
    if forum != exploitation and exploitation != "unknown":
        activities.append("advise_foreign_law")
    created = days_before(AS_OF, rng.randint(5, 700))
    status = weighted_choice(rng, *MATTER_STATUS_WEIGHTS)
    if status in OPEN_STATUSES + ["draft"]:
        created = days_before(AS_OF, rng.randint(3, 120))
    urgency = weighted_choice(rng, ["low", "normal", "high", "critical"], [10, 55, 25, 10])
    age = row["ageBroad"]

    route_text = "%s → %s" % (citizenship if citizenship != "unknown" else "?", exploitation)
    sector = SECTOR_BY_ROUTE.get((citizenship, exploitation), "an unnamed workplace" if kind != "sexual_exploitation"
                                 else "a venue")
    person = "%s %s" % (NATIONALITY.get(citizenship, "A"), "woman" if row["gender"] == "Female" else "man")
    if age in ("0--8", "9--17"):
        person = "%s %s" % (NATIONALITY.get(citizenship, "A"), "girl" if row["gender"] == "Female" else "boy")
    if citizenship == "unknown":
        person = "A %s of unrecorded nationality" % ("girl" if row["gender"] == "Female" else "boy") \
            if age in ("0--8", "9--17") else "A client of unrecorded nationality"

    matter = {
        "ngo": rng.choice(ngo_pool(organisations, forum)),
        "title": "%s (%s)" % (AREA_TITLES[area], route_text),
        "summary": "%s identified as a victim of %s in %s. %s needed in %s." % (
            person, EXPLOITATION_WORDS[kind], COUNTRY_NAMES.get(exploitation, exploitation),
            "Representation" if help_kind == "representation" else "Advice", COUNTRY_NAMES[forum]),
        "facts": "Fictional case made from a CTDC count (%s): %s, age band %s, %s in %s, exploited in %s. "
                 "Last seen working at %s." % (row["yearOfRegistration"], row["gender"].lower(), age,
                                             NATIONALITY.get(citizenship, "nationality unrecorded"),
                                             COUNTRY_NAMES[forum], COUNTRY_NAMES.get(exploitation, exploitation), sector),
        "practice_area": area,
        "forum": forum,
        "related_jurisdictions": related,
        "languages": languages,
        "interpreter_accepted": rng.random() < 0.5,
        "activities": activities,
        "help": help_kind,
        "urgency": urgency,
        "estimated_hours": float(weighted_choice(rng, [6, 12, 20, 40, 80], [15, 30, 25, 20, 10])),
        "status": status,
        "parties": parties.parties(citizenship, exploitation),
        "client_profile": {"gender": row["gender"].lower(), "age_band": age, "exploitation_type": kind},
        "created": iso(created),
    }

    if citizenship != "unknown":
        matter["client_profile"]["citizenship"] = citizenship
    if urgency in ("high", "critical") or rng.random() < 0.3:
        matter["deadline"] = iso(days_after(AS_OF, rng.randint(10, 120)))
    if help_kind == "representation" and rng.random() < 0.5:
        start = days_after(AS_OF, rng.randint(5, 60))
        matter["period"] = {"from": iso(start), "to": iso(days_after(start, rng.randint(60, 240)))}
    if status == "closed":
        matter["outcome"] = rng.choice(["compensation_awarded", "settled", "conviction", "advice_given",
                                        "repatriated", "claim_dismissed"])
    return matter


# Matters that do not come from CTDC counts: the NGOs' own legal needs and
# training requests. They have no client profile.
NGO_MATTERS = [
    ("HK", "ngo_operations.data_protection", "Data protection review of a case database", "advice",
     ["advise_local_law"], ["en"]),
    ("HK", "legal_training", "Training for shelter staff on trafficking indicators", "training", ["train"], ["yue"]),
    ("HK", "strategic_litigation", "Research note on the non-punishment principle", "advice", ["research"], ["en"]),
    ("VN", "ngo_operations.registration", "Registration of a survivors' association", "advice",
     ["advise_local_law", "draft"], ["vi"]),
    ("VN", "legal_training", "Training for hotline volunteers", "training", ["train"], ["vi"]),
    ("TH", "ngo_operations.employment_contracts", "Employment contracts for outreach workers", "advice",
     ["advise_local_law", "draft"], ["th"]),
    ("TH", "legal_training", "Training on labour court procedure for paralegals", "training", ["train"], ["th", "my"]),
    ("KH", "ngo_operations.tax", "Tax status of a shelter", "advice", ["advise_local_law"], ["km"]),
    ("KH", "legal_training", "Training for commune council focal points", "training", ["train"], ["km"]),
    ("MM", "ngo_operations.registration", "Registration under the Association Registration Law", "advice",
     ["advise_local_law"], ["my"]),
    ("MM", "legal_training", "Paralegal training in Shan State", "training", ["train"], ["shn"]),
    ("MM", "legal_training", "Paralegal training for Rohingya community workers", "training", ["train"], ["rhg"]),
    ("HK", "labour.wage_claims", "Wage claim of an Indonesian domestic worker", "representation",
     ["appear_in_court", "draft"], ["id"]),
    ("TH", "immigration.status", "Residence status of Rohingya boat arrivals", "advice", ["advise_local_law"], ["rhg"]),
]


def build_ngo_matters(rng, organisations, first_index):
    matters = []
    for offset, (forum, area, title, help_kind, activities, languages) in enumerate(NGO_MATTERS):
        matters.append({
            "id": "matter-%03d" % (first_index + offset),
            "ngo": rng.choice(ngo_pool(organisations, forum)),
            "title": title,
            "summary": "An NGO's own request: %s." % (title[0].lower() + title[1:]),
            "practice_area": area,
            "forum": forum,
            "languages": languages,
            "interpreter_accepted": False,
            "activities": activities,
            "help": help_kind,
            "urgency": "low",
            "estimated_hours": float(rng.choice([8, 12, 16, 24])),
            "status": "circulated",
            "created": iso(days_before(AS_OF, rng.randint(5, 60))),
        })
    return matters


# ---------------------------------------------------------------------------
# Conflicts of interest
#
# Firms and lawyers get conflict registers. Some names in them are planted
# to match parties of open matters, exactly or nearly, so that the demo shows
# both an exclusion for a conflict and a near match flagged for review.
# --print-conflicts lists the planted pairs with the kind the generator
# meant. Whether a pair is exact or near is the library's decision.


def firm_lawyers(lawyers, firm_id):
    return [l for l in lawyers if l.get("firm") == firm_id]


def locally_admitted(lawyer, jurisdiction):
    return any(a["jurisdiction"] == jurisdiction and a.get("status", "active") == "active" for a in lawyer["admissions"])


def add_register_entry(record, names, relation, note):
    record.setdefault("conflict_register", []).append({"names": names, "relation": relation, "note": note})


def pick_firm(rng, firms, lawyers, jurisdiction):
    """Pick a firm with at least three lawyers admitted in `jurisdiction`."""
    candidates = [f for f, _ in firms
                  if sum(1 for l in firm_lawyers(lawyers, f["id"]) if locally_admitted(l, jurisdiction)) >= 3]
    return rng.choice(candidates)


def plant_conflicts(rng, maker, matters, firms, lawyers):
    planted = []
    open_matters = [m for m in matters if m["status"] in OPEN_STATUSES and m.get("parties")]

    def matters_in(forum, count, person_lang=None):
        pool = [m for m in open_matters if m["forum"] == forum and not m.get("_planted")
                and (person_lang is None or any(p["kind"] == "person" and p["names"][0]["lang"] == person_lang
                                                for p in m["parties"]))]
        chosen = rng.sample(pool, min(count, len(pool)))
        for m in chosen:
            m["_planted"] = True
        return chosen

    # Exact: the firm acts for the matter's employer under the same name.
    for forum, count in (("TH", 3), ("KH", 3), ("MM", 3), ("VN", 1)):
        for matter in matters_in(forum, count):
            firm = pick_firm(rng, firms, lawyers, forum)
            employer = matter["parties"][0]
            add_register_entry(firm, [dict(n) for n in employer["names"]], "client", "Retained for employment matters.")
            planted.append((matter["id"], employer["names"][0]["value"], firm["id"], employer["names"][0]["value"], "exact"))

    # Near: other spellings of a party's name in a register.
    for matter in matters_in("TH", 2, "th"):
        thai = next((p for p in matter["parties"] if p["kind"] == "person"), None)
        if thai is None:
            continue
        romanised = thai["names"][1]["value"]
        variant = alternative_thai_romanisation(romanised)
        if variant == romanised:
            variant = romanised + "a"
        firm = pick_firm(rng, firms, lawyers, "TH")
        add_register_entry(firm, [name(variant, "en", "primary")], "adverse", "Opposing party in an earlier case.")
        planted.append((matter["id"], romanised, firm["id"], variant, "near (romanisation)"))

    for matter in matters_in("MM", 2, "my"):
        burmese = next((p for p in matter["parties"] if p["kind"] == "person"), None)
        if burmese is None:
            continue
        words = burmese["names"][2]["value"].split()
        variant = " ".join(words[1:] + words[:1])  # same words in another order
        lawyer = rng.choice([l for l in lawyers if lawyer_jurisdiction(l) == "MM" and locally_admitted(l, "MM")
                             and l["status"] == "active" and l["vetted"]])
        add_register_entry(lawyer, [name(variant, "my-Latn", "primary")], "client", "Former client.")
        planted.append((matter["id"], burmese["names"][2]["value"], lawyer["id"], variant, "near (word order)"))

    for matter in matters_in("KH", 2):
        company = matter["parties"][0]["names"][0]["value"]
        variant = company.replace("Co., Ltd.", "Company Limited").replace(" ", "  ", 0)
        variant = variant[:-1] if variant == company else variant
        firm = pick_firm(rng, firms, lawyers, "KH")
        add_register_entry(firm, [name(variant, "en", "primary")], "client", "Acted on a lease.")
        planted.append((matter["id"], company, firm["id"], variant, "near (legal form)"))

    # Hong Kong: two surnames with one romanisation (黃 and 王 are both "Wong").
    hk = [m for m in matters if m["forum"] == "HK" and m["status"] in OPEN_STATUSES]
    if hk:
        matter = hk[0]
        matter["parties"].append({"kind": "person", "role": "alleged_trafficker",
                                  "names": [name("黃志明", "zh-Hant", "primary"),
                                            name("Wong Chi Ming", "yue-Latn", "romanisation")]})
        firm = pick_firm(rng, firms, lawyers, "HK")
        add_register_entry(firm, [name("王志明", "zh-Hant", "primary"), name("Wong Chi Ming", "yue-Latn", "romanisation")],
                           "client", "Client in a commercial dispute.")
        planted.append((matter["id"], "黃志明 / Wong Chi Ming", firm["id"], "王志明 / Wong Chi Ming",
                        "near (shared romanisation)"))

    # Viet Nam: the same name typed with Ð (U+00D0) for Đ, which normalisation folds.
    vn = [m for m in open_matters if m["forum"] == "VN" and not m.get("_planted")]
    if vn:
        matter = vn[0]
        matter["parties"].append({"kind": "person", "role": "alleged_trafficker",
                                  "names": [name("Đỗ Văn Đức", "vi", "primary")]})
        lawyer = rng.choice([l for l in lawyers if lawyer_jurisdiction(l) == "VN" and locally_admitted(l, "VN")
                             and l["status"] == "active" and l["vetted"]])
        add_register_entry(lawyer, [name("\u00d0ỗ Văn \u00d0ức", "vi", "primary")], "adverse",
                           "Name as typed in an old register (Ð U+00D0 for Đ).")
        planted.append((matter["id"], "Đỗ Văn Đức", lawyer["id"], "\u00d0ỗ Văn \u00d0ức", "exact after normalisation"))

    for matter in matters:
        matter.pop("_planted", None)
    return planted


def add_firm_exclusions(firms, organisations):
    by_id = {f["id"]: f for f, _ in firms}
    by_id["firm-th-tilleke-gibbins"]["exclusions"] = {"practice_areas": ["prosecution"]}
    by_id["firm-th-rsm-thailand"]["exclusions"] = {"practice_areas": ["strategic_litigation", "labour"]}
    hk_ngos = [o["id"] for o in organisations if o["kind"] == "ngo" and "HK" in o["jurisdictions"]]
    if hk_ngos and "firm-hk-01" in by_id:
        by_id["firm-hk-01"]["exclusions"] = {"ngos": hk_ngos[:1]}
    if "firm-kh-02" in by_id:
        by_id["firm-kh-02"]["exclusions"] = {"parties": ["Angkor Recruitment Co., Ltd."]}


# ---------------------------------------------------------------------------
# Engagements: past and current work, for reports and the soft scores.

OUTCOME_FEEDBACK = {"compensation_awarded": (4, 5), "settled": (3, 5), "conviction": (4, 5),
                    "advice_given": (3, 5), "repatriated": (3, 5), "claim_dismissed": (2, 4)}
ENGAGEMENT_BY_MATTER_STATUS = {"placed": "accepted", "in_progress": "active", "closed": "completed"}


def suitable_lawyers(matter, lawyers, load):
    court = COURT_LANGUAGE[matter["forum"]]
    result = []
    for lawyer in lawyers:
        if lawyer["status"] != "active" or not lawyer["vetted"]:
            continue
        if not locally_admitted(lawyer, matter["forum"]):
            continue
        if court not in [l["tag"] for l in lawyer["languages"]]:
            continue
        if load.get(lawyer["id"], 0) >= lawyer["max_active_matters"]:
            continue
        result.append(lawyer)
    return result


def build_engagements(rng, matters, lawyers):
    engagements = []
    load = {}
    for matter in matters:
        status = ENGAGEMENT_BY_MATTER_STATUS.get(matter["status"])
        if status is None:
            continue
        candidates = suitable_lawyers(matter, lawyers, load if status != "completed" else {})
        if not candidates:
            continue
        lawyer = rng.choice(candidates)
        offered = days_after(date_of(matter["created"]), rng.randint(3, 30))
        offered = min(offered, days_before(AS_OF, 2))
        engagement = {
            "id": "engagement-%03d" % (len(engagements) + 1),
            "matter": matter["id"],
            "lawyer": lawyer["id"],
            "status": status,
            "offered_on": iso(offered),
            "decided_on": iso(min(days_after(offered, rng.randint(1, 7)), days_before(AS_OF, 1))),
        }
        if status in ("active", "completed"):
            engagement["hours"] = work_hours(rng, matter, offered)
        if status == "completed":
            engagement["outcome"] = matter["outcome"]
            engagement["feedback"] = rng.randint(*OUTCOME_FEEDBACK[matter["outcome"]])
        else:
            load[lawyer["id"]] = load.get(lawyer["id"], 0) + 1
        engagements.append(engagement)
        # Some matters were first offered to a lawyer who declined.
        others = [c for c in candidates if c["id"] != lawyer["id"]]
        if others and rng.random() < 0.15:
            engagements.append({
                "id": "engagement-%03d" % (len(engagements) + 1),
                "matter": matter["id"],
                "lawyer": rng.choice(others)["id"],
                "status": "declined",
                "offered_on": iso(days_before(offered, 6)),
                "decided_on": iso(days_before(offered, 3)),
                "decline_reason": rng.choice(["No capacity this quarter.", "Conflict found by the firm.",
                                              "Outside the lawyer's practice."]),
            })
    return engagements


def date_of(text):
    return datetime.date.fromisoformat(text)


def work_hours(rng, matter, start):
    total = matter["estimated_hours"] * rng.uniform(0.4, 1.3)
    entries = []
    day = start
    activities = matter["activities"]
    while total > 0.4 and day < AS_OF:
        day = days_after(day, rng.randint(2, 20))
        if day >= AS_OF:
            break
        hours = round(min(total, rng.choice([1.5, 2, 3, 4, 6, 7.5])), 1)
        entries.append({"date": iso(day), "hours": hours, "activity": rng.choice(activities)})
        total -= hours
    return entries


# ---------------------------------------------------------------------------
# The community legal assistance directory

SERVICE_COUNTRIES = {"cambodia": "KH", "china": "CN", "thailand": "TH", "malaysia": "MY", "singapor": "SG",
                     "vietnam": "VN"}
LOCAL_LANGUAGE = {"KH": "km", "TH": "th", "VN": "vi", "HK": "yue", "MM": "my", "CN": "zh-Hans", "MY": "ms",
                  "SG": "en", "PH": "fil", "LA": "lo", "ID": "id"}


def build_services(sources, organisations):
    services = []
    khmer_names = [(khmer_key(n["value"]), o) for o in organisations for n in o["names"] if n["lang"] == "km"]
    for row in read_csv(sources, "kawsangs_service_directory_km.csv"):
        jurisdiction = SERVICE_COUNTRIES[row["country_key"]]
        key = khmer_key(row["name_km"])
        provider = next((o for k, o in khmer_names
                         if (k in key or key in k) and jurisdiction in o["jurisdictions"]), None)
        law = row["mentions_law_in_description"] == "1"
        service = {
            "id": "service-%s" % row["code"],
            "names": [name(row["name_km"], "km", "primary")],
            "practice_areas": ["general_advice", "victim_protection"] if law else ["victim_protection"],
            "description": ("Legal information and referral for Cambodian migrant workers." if law
                            else "Help line and referral for Cambodian migrant workers."),
            "languages": unique(["km", LOCAL_LANGUAGE[jurisdiction]]),
            "eligibility": "Cambodian migrant workers and their families.",
            "jurisdiction": jurisdiction,
            "location": COUNTRY_NAMES[jurisdiction],
            "cost": "free",
        }
        if provider:
            service["provider"] = provider["id"]
        services.append(service)
    for organisation in organisations:
        if organisation["kind"] != "ngo" or not organisation["id"].startswith("org-kawsangs"):
            continue
        jurisdiction = organisation["jurisdictions"][0]
        services.append({
            "id": "service-" + organisation["id"][4:],
            "provider": organisation["id"],
            "names": [name(organisation["names"][0]["value"] + " – legal help desk", organisation["names"][0]["lang"],
                           "primary")],
            "practice_areas": ["general_advice", "victim_protection.identification", "immigration.repatriation"],
            "description": "Community legal assistance: first advice, referral to a pro bono lawyer, help with documents.",
            "languages": unique([LOCAL_LANGUAGE.get(jurisdiction, "en"), "km", "en"]),
            "eligibility": "Migrant workers and survivors of trafficking.",
            "jurisdiction": jurisdiction,
            "location": COUNTRY_NAMES[jurisdiction],
            "hours": "Monday to Friday, 08:00-17:00",
            "cost": "free",
        })
    return services


# ---------------------------------------------------------------------------
# The document


def build_dataset(seed, sources):
    rng = random.Random(seed)
    corpora = NameCorpora(sources)
    maker = NameMaker(corpora, random.Random("%s-names" % seed))

    firms = build_firms(random.Random("%s-firms" % seed), maker, sources)
    organisations = kawsangs_organisations(sources) + fictional_ngos()
    add_firm_exclusions(firms, organisations)
    lawyers = build_lawyers(random.Random("%s-lawyers" % seed), maker, firms)
    events = build_events(random.Random("%s-events" % seed), lawyers)

    matter_rng = random.Random("%s-matters" % seed)
    matters = build_matters(matter_rng, maker, organisations, sources)
    matters += build_ngo_matters(matter_rng, organisations, len(matters) + 1)
    planted = plant_conflicts(random.Random("%s-conflicts" % seed), maker, matters, firms, lawyers)
    engagements = build_engagements(random.Random("%s-engagements" % seed), matters, lawyers)
    services = build_services(sources, organisations)
    del rng

    for lawyer in lawyers:
        if not lawyer["trainings"]:
            del lawyer["trainings"]
    document = {
        "format": "atip-dataset",
        "version": 1,
        "jurisdictions": EXTRA_JURISDICTIONS,
        # NGOs before firms: a firm's exclusions may name an NGO, and a record
        # may refer only to records before it.
        "organizations": organisations + [f for f, _ in firms],
        "lawyers": lawyers,
        "matters": matters,
        "engagements": engagements,
        "events": events,
        "services": services,
    }
    return document, planted


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default %(default)s)")
    parser.add_argument("--output", default=DEFAULT_OUTPUT, help="output file (default examples/data/demo.json)")
    parser.add_argument("--sources", default=DEFAULT_SOURCES, help="directory of the source CSV files")
    parser.add_argument("--print-conflicts", action="store_true",
                        help="list the planted conflicts of interest on standard output")
    args = parser.parse_args(argv)

    document, planted = build_dataset(args.seed, args.sources)
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    with open(args.output, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    counts = ", ".join("%d %s" % (len(document[k]), k) for k in
                       ("organizations", "lawyers", "matters", "engagements", "events", "services"))
    print("wrote %s: %s" % (args.output, counts), file=sys.stderr)
    if args.print_conflicts:
        for matter_id, party, owner, register_name, expected in planted:
            print("%s\t%s\t%s\t%s\t%s" % (matter_id, party, owner, register_name, expected))
    return 0


if __name__ == "__main__":
    sys.exit(main())
