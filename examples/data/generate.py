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
AS_OF = datetime.date(2025, 6, 30)

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
