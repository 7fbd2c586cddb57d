#!/usr/bin/python3
"""Writes the seed corpora of the fuzz targets into tests/fuzz/corpus/.

Run from anywhere: /usr/bin/python3 tests/fuzz/make_seeds.py. Seeds are small
on purpose (libFuzzer mutates small inputs faster) and cover each target's
input format: valid documents of every entity type, text in every script the
library treats specially, Zawgyi, and the malformed cases of
tests/data/bad_input.json. Files are named by content hash, as libFuzzer
names the inputs it adds, so rerunning the script is idempotent.
"""
import hashlib
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CORPUS = HERE / "corpus"
TEXT_DATA = ROOT / "tests" / "data" / "text"
LOCALES = ["", "th", "km", "my", "vi", "zh-Hant", "zh-Hans", "yue", "en", "shn"]


def write(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def dump(document):
    return json.dumps(document, ensure_ascii=False, sort_keys=True)


def small_network():
    return {
        "format": "atip-dataset",
        "version": 1,
        "jurisdictions": [{"code": "TH-10", "name": "Bangkok", "parent": "TH", "court_languages": ["th"]}],
        "practice_areas": [{"code": "labour.fishing", "parent": "labour", "name": "Fishing crews"}],
        "organizations": [
            {"id": "ngo-1", "kind": "ngo", "names": ["Mekong Rights", {"value": "មជ្ឈមណ្ឌល", "lang": "km", "kind": "script"}],
             "jurisdictions": ["TH", "KH"]},
            {"id": "firm-1", "kind": "law_firm", "names": ["Chao Phraya Legal"], "jurisdictions": ["TH"],
             "conflict_register": [{"names": ["Golden Harvest Co."], "relation": "client", "note": "2024 retainer"}],
             "exclusions": {"practice_areas": ["immigration"], "parties": ["Sea Star"], "ngos": []}},
        ],
        "lawyers": [
            {"id": "lawyer-1", "names": ["Pimchanok Srisuk", {"value": "พิมพ์ชนก ศรีสุข", "lang": "th"}], "firm": "firm-1",
             "vetted": True, "status": "active", "admissions": [{"jurisdiction": "TH", "since": "2012-05-01", "status": "active"}],
             "languages": [{"tag": "th", "proficiency": "native"}, {"tag": "km", "proficiency": "working"}],
             "practice_areas": [{"code": "labour.fishing", "years": 8}],
             "trainings": [{"topic": "labour", "jurisdiction": "TH", "date": "2025-11-20"}],
             "unavailable": [{"from": "2026-04-01", "to": "2026-04-15"}], "max_active_matters": 3,
             "response_days": 2.5, "notes": "Prefers labour court work."},
        ],
        "matters": [
            {"id": "matter-1", "ngo": "ngo-1", "title": "Unpaid wages on a fishing boat", "practice_area": "labour.fishing",
             "forum": "TH", "related_jurisdictions": ["KH"], "languages": ["km"], "activities": ["appear_in_court", "draft"],
             "help": "representation", "urgency": "high", "deadline": "2026-09-30", "estimated_hours": 40,
             "team_size": 1, "status": "placed", "interpreter_accepted": True, "created": "2026-01-15",
             "summary": "Crew member owed eight months of wages.", "facts": "Confidential facts.", "client_ref": "c-1",
             "client_profile": {"gender": "male", "age_band": "18--20", "citizenship": "KH", "exploitation_type": "forced_labour"},
             "period": {"from": "2026-02-01", "to": "2026-08-01"},
             "parties": [{"names": ["Golden Harvest Co"], "kind": "organization", "role": "employer"}]},
        ],
        "engagements": [
            {"id": "eng-1", "matter": "matter-1", "lawyer": "lawyer-1", "status": "active", "offered_on": "2026-02-01",
             "decided_on": "2026-02-03", "hours": [{"date": "2026-02-10", "hours": 3.5, "activity": "draft", "note": "Claim"}]},
        ],
        "events": [{"id": "event-1", "title": "Labour law workshop", "kind": "workshop", "date": "2025-11-20",
                    "jurisdiction": "TH", "topics": ["labour"], "organizer": "ngo-1", "attendees": ["lawyer-1"]}],
        "services": [{"id": "service-1", "provider": "ngo-1", "names": ["Help line"], "jurisdiction": "KH",
                      "languages": ["km"], "practice_areas": ["labour"], "description": "Referral", "cost": "free"}],
    }


def demo_subset():
    """A consistent slice of examples/data/demo.json: a few matters with their
    NGOs, engagements and lawyers (and those lawyers' firms)."""
    demo = json.loads((ROOT / "examples" / "data" / "demo.json").read_text(encoding="utf-8"))
    engagements = demo["engagements"][:3]
    matter_ids = {e["matter"] for e in engagements}
    lawyer_ids = {e["lawyer"] for e in engagements} | {e.get("supervising_lawyer") for e in engagements}
    matters = [m for m in demo["matters"] if m["id"] in matter_ids]
    lawyers = [l for l in demo["lawyers"] if l["id"] in lawyer_ids]
    for lawyer in lawyers:
        lawyer.pop("trainings", None)  # trainings refer to events left out here
    org_ids = {m["ngo"] for m in matters} | {l.get("firm") for l in lawyers}
    organizations = [o for o in demo["organizations"] if o["id"] in org_ids]
    for org in organizations:
        org.pop("merged_from", None)
        org.get("exclusions", {}).pop("ngos", None)
    return {"format": "atip-dataset", "version": 1, "jurisdictions": demo.get("jurisdictions", []),
            "organizations": organizations, "lawyers": lawyers, "matters": matters, "engagements": engagements}


def text_samples():
    samples = ["", "Nguyễn Văn Đức", "ÐẶNG THỊ HƯƠNG", "Ðặng", "Trần\u200bThị", "soft\u00adhyphen",
               "สมชาย ใจดี", "กรุงเทพมหานคร", "ស្រី ស្រ្តី ស៊ីម", "ព្រះរាជាណាចក្រកម្ពុជា",
               "陳大文", "香港特別行政區", "Wong Tai Sin", "O'Brien-Smith", "  spaced   out  ",
               "အောင်ဆန်းစုကြည်", "ေအာင္ဆန္းစုၾကည္", "မြန်မာ", "ျမန္မာ", "ၵႂၢမ်းတႆး", "a\u0301\u0323", "ﬃ Straße İstanbul"]
    for name in ["km_names_kname.csv", "my_name_syllables_ageekdev.csv", "vn_given_names_duyet.csv",
                 "zh_surnames_romanisations.csv"]:
        lines = (TEXT_DATA / name).read_text(encoding="utf-8").splitlines()[1:60:7]
        samples.extend(line.split(",")[1] for line in lines if "," in line)
    for name in ["mmgov_zawgyi_src.txt", "udhr_mya_unicode_src.txt"]:
        lines = [l for l in (TEXT_DATA / "myanmar_tools" / name).read_text(encoding="utf-8").splitlines()
                 if l and not l.startswith("#")]
        samples.extend(l[:200] for l in lines[:4])
    return samples


def main():
    write("import", dump(small_network()))
    write("import", dump(demo_subset()))
    write("import", "{}")
    write("import", '{"format": "atip-dataset", "version": 1, "lawyers": []}')
    zawgyi = small_network()
    zawgyi["organizations"][0]["names"].append("ျမန္မာ အမ်ိဳးသမီး")
    write("import", dump(zawgyi))
    bad_rows = json.loads((ROOT / "tests" / "data" / "bad_input.json").read_text(encoding="utf-8"))["rows"]
    for row in bad_rows[::3]:
        if "document" in row:
            write("import", dump(row["document"]))

    for index, sample in enumerate(text_samples()):
        write("text", bytes([index % len(LOCALES)]) + sample.encode("utf-8"))
    write("text", b"\x00\xc0\xaf overlong")
    write("text", b"\x02\xed\xa0\x80 surrogate")
    write("text", b"\x03\xf4\x90\x80\x80 above U+10FFFF")

    for policy in [{}, {"weights": {"language": 0.5, "load": 0}}, {"require_vetted": False, "min_score": 0.2},
                   {"firm_share": 0.5, "near_conflict_threshold": 0.9, "experience_full_years": 5},
                   {"weights": {"practice_area": 0, "experience": 0, "training": 0, "language": 0, "load": 0,
                                "outcomes": 0, "ngo_history": 0, "responsiveness": 0}},
                   {"allow_with_local_rule": False, "weights": {"unknown": 1}}]:
        write("policy", dump(policy))

    # C ABI: NUL-separated calls, selector byte then variant byte (fuzz_capi.cpp).
    def call(selector, variant, argument=""):
        raw = argument if isinstance(argument, bytes) else argument.encode("utf-8")
        return bytes([selector, variant]) + raw

    def calls(*pieces):
        return b"\x00".join(pieces)

    lawyer = dump({"id": "lawyer-9", "names": ["Dara Kim"], "admissions": [{"jurisdiction": "KH"}],
                   "languages": [{"tag": "km", "proficiency": "native"}]})
    write("capi", calls(call(1, 4, lawyer), call(3, 4, "lawyer-9"), call(4, 4, "lawyer-9"), call(5, 4)))
    write("capi", calls(call(6, 0, "Srisuk\x01TH\x01th"), call(6, 4, "พิมพ์ชนก"), call(6, 8, "help\x01KH")))
    write("capi", calls(call(7, 0, '{"weights": {"language": 1}}'), call(8, 20, 'matter-1\x01{"min_score": 0.1}\x012026-03-01'),
                        call(9, 0, '{}\x012026-03-01\x01matter-1'), call(10, 0, '{}\x012026-03-01')))
    write("capi", calls(call(11, 6, '{"engagement": {"matter": "matter-1", "lawyer": "lawyer-1"}, "actor": "coord"}'),
                        call(11, 2, '{"matter": "matter-1"}'), call(12, 0, "{}")))
    write("capi", calls(call(11, 1, '{"matter": "matter-1", "to": "interest_expressed", "actor": "coord"}'),
                        call(11, 14, '{"matter": "matter-1", "lawyer": "lawyer-1"}')))
    write("capi", calls(call(0, 0, dump(small_network())), call(13, 0), call(14, 16, ""), call(14, 8 + 48, b"\xff")))
    write("capi", calls(call(2, 5, '{"id": "matter-1", "title": "x"}'), call(1, 9, "{}"), call(3, 0, b"\xc0\xaf")))


if __name__ == "__main__":
    main()
