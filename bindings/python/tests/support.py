"""Builders of small valid records for the atip Python tests."""

from __future__ import annotations

import datetime
import os
import pathlib
from typing import Any, Dict, List

import atip


def source_dir() -> pathlib.Path:
    """The repository root: ATIP_SOURCE_DIR, or three levels above this file."""
    configured = os.environ.get("ATIP_SOURCE_DIR")
    if configured:
        return pathlib.Path(configured)
    return pathlib.Path(__file__).resolve().parents[3]


def ngo(id: str = "ngo-1", name: str = "Freedom Path Foundation") -> atip.Organization:
    return atip.Organization(id=id, kind="ngo", names=[atip.Name(name)], jurisdictions=["TH"])


def firm(id: str = "firm-1", name: str = "Chao Phraya Legal") -> atip.Organization:
    return atip.Organization(id=id, kind="law_firm", names=[atip.Name(name)], jurisdictions=["TH"])


def lawyer(id: str = "lawyer-1", *, names: List[str] | None = None, firm_id: str = "",
           jurisdiction: str = "TH", languages: Dict[str, str] | None = None,
           areas: Dict[str, int] | None = None, vetted: bool = True, capacity: int = 2) -> atip.Lawyer:
    return atip.Lawyer(
        id=id,
        names=[atip.Name(name) for name in (names or ["Somchai Wongsakul"])],
        firm=firm_id,
        vetted=vetted,
        admissions=[atip.Admission(jurisdiction=jurisdiction, since=datetime.date(2010, 5, 1))],
        languages=[atip.LanguageSkill(tag=tag, proficiency=level)
                   for tag, level in (languages or {"th": "native", "en": "professional"}).items()],
        practice_areas=[atip.PracticeExperience(code=code, years=years)
                        for code, years in (areas or {"labour.wage_claims": 8}).items()],
        max_active_matters=capacity,
    )


def matter(id: str = "matter-1", *, ngo_id: str = "ngo-1", forum: str = "TH", area: str = "labour.wage_claims",
           languages: List[str] | None = None, status: str = "circulated",
           activities: List[str] | None = None, parties: List[str] | None = None) -> atip.Matter:
    return atip.Matter(
        id=id,
        ngo=ngo_id,
        title="Unpaid wages of fishing crew",
        summary="Crew members seek unpaid wages after leaving a fishing vessel.",
        facts="Confidential facts of the case.",
        client_ref="client-7f3a",
        client_profile=atip.ClientProfile(gender="male", age_band="30--38", citizenship="KH",
                                          exploitation_type="forced_labour"),
        practice_area=area,
        forum=forum,
        languages=languages or ["th"],
        activities=activities or ["advise_local_law"],
        status=status,
        estimated_hours=20.0,
        parties=[atip.Party(names=[atip.Name(name)], kind="organization", role="employer")
                 for name in (parties or ["Sea Star Fishing Co"])],
    )


def small_dataset() -> Dict[str, Any]:
    """An NGO, a firm, two lawyers of that firm, a matter, an event and a service."""
    return {
        "format": "atip-dataset",
        "version": 1,
        "organizations": [ngo().to_dict(), firm().to_dict()],
        "lawyers": [
            lawyer("lawyer-1", firm_id="firm-1").to_dict(),
            lawyer("lawyer-2", names=["สมศรี ใจดี", "Somsri Jaidee"], firm_id="firm-1").to_dict(),
        ],
        "matters": [matter().to_dict()],
        "events": [atip.Event(id="event-1", title="Wage claims in Thai labour courts",
                              date=datetime.date(2025, 3, 14), jurisdiction="TH",
                              topics=["labour.wage_claims"], organizer="ngo-1").to_dict()],
        "services": [atip.Service(id="service-1", names=[atip.Name("Migrant Worker Legal Clinic")],
                                  jurisdiction="TH", provider="ngo-1", languages=["th", "my", "km"],
                                  practice_areas=["labour"], cost="free").to_dict()],
    }
