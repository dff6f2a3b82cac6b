"""Phrasing families of the English support kinds as US federal statements of work, performance work statements and
solicitations write them (issue 19, en23): written from the kind definitions (tests/fixtures/contracts/README.md, "What
present means"; docs/contract-clarity.md) before any rule was changed; every pair is a sentence of our own wording that
states the kind and a near-miss that does not. Not copied from any labelled text (development or held-out)."""

# ruff: noqa: E501 - one pair per line reads better unbroken

from __future__ import annotations

from datetime import date

import pytest

from disputedesk.domain.contract_clarity import check_text

from .conftest import phrasing_family_test

FAMILIES = [
    # --- response time: the contractor's first answer to a service call, trouble call or work order within a time;
    # answering a solicitation, or the Government answering the contractor, is none
    (
        "response_time",
        "C.5 Service Calls\nThe contractor shall respond to each trouble call within two (2) hours.",
        True,
    ),
    (
        "response_time",
        "C.5 Work Orders\nUrgent work orders shall be acknowledged by the contractor within thirty (30) minutes.",
        True,
    ),
    (
        "response_time",
        "L.3 Proposals\nOfferors shall respond to this solicitation within thirty (30) calendar days.",
        False,
    ),
    (
        "response_time",
        "L.3 Questions\nResponses to the request for quotations are due within ten (10) days of issue.",
        False,
    ),
    (
        "response_time",
        "G.2 Correspondence\nThe Contracting Officer will respond to the contractor's written inquiries within fifteen (15) days.",
        False,
    ),
    # --- resolution time: deficiencies corrected, repairs completed, service restored within a time
    (
        "resolution_time",
        "C.6 Repairs\nEmergency repairs shall be completed within six (6) hours after the call is received.",
        True,
    ),
    (
        "resolution_time",
        "C.6 Deficiencies\nThe contractor shall correct any deficiency noted by the COR within one (1) workday.",
        True,
    ),
    (
        "resolution_time",
        "L.4 Proposals\nOfferors may correct minor clerical errors in their proposals within five (5) days.",
        False,
    ),
    (
        "resolution_time",
        "C.6 Reviews\nThe Government will complete its review of each draft report within ten (10) working days.",
        False,
    ),
    # --- service hours: the hours the contractor's service is provided (duty hours, hours of operation, military
    # clock times); the length of a course or a count of labour hours is no cover
    (
        "service_hours",
        "C.4 Hours\nNormal duty hours are 0800-1700, Monday through Friday, excluding Federal holidays.",
        True,
    ),
    (
        "service_hours",
        "C.4 Hours of Operation\nThe help desk hours of operation are 0600 to 1800 hours Eastern Time.",
        True,
    ),
    (
        "service_hours",
        "C.4 Coverage\nThe contractor shall staff the operations center from 0700 to 1900 hours daily.",
        True,
    ),
    (
        "service_hours",
        "C.9 Training\nThe operator course shall consist of forty (40) hours of classroom instruction.",
        False,
    ),
    ("service_hours", "B.2 Labor\nThe estimated level of effort is 1,920 productive hours per person per year.", False),
    ("service_hours", "C.9 Schedule\nThe period of performance is from 1 October 2005 to 30 September 2006.", False),
    # --- support remedy: the consequence of service that misses its standard (deductions, re-performance at no cost,
    # payment withheld until deficiencies are corrected); a remedy for late invoices or proposals is none
    (
        "support_remedy",
        "E.3 Remedies\nServices that do not meet the performance standards shall be re-performed at no additional cost to the Government.",
        True,
    ),
    (
        "support_remedy",
        "E.3 Deductions\nFor each unsatisfactory inspection the Government will deduct the value of the service not performed from the monthly invoice.",
        True,
    ),
    (
        "support_remedy",
        "E.3 Payment\nThe Government may withhold payment until all deficiencies found at inspection have been corrected.",
        True,
    ),
    (
        "support_remedy",
        "E.3 Performance Requirements Summary\nPerformance below the acceptable quality level will result in a deduction from the contract price.",
        True,
    ),
    (
        "support_remedy",
        "G.4 Invoices\nThe Government will return an improper invoice to the contractor within seven (7) days.",
        False,
    ),
    (
        "support_remedy",
        "G.4 Taxes\nThe contractor shall deduct applicable taxes from the wages of its employees.",
        False,
    ),
    # --- on-site support: contractor personnel working at the Government's site; a site visit for offerors or work at
    # the contractor's own facility is none
    (
        "onsite_support",
        "C.7 Place of Performance\nThe services shall be performed at the Government facility in Building 12.",
        True,
    ),
    ("onsite_support", "C.7 Staffing\nContractor personnel shall be on-site at the depot during all duty hours.", True),
    (
        "onsite_support",
        "L.5 Site Visit\nOfferors may attend a site visit on 12 May; attendance is not required.",
        False,
    ),
    (
        "onsite_support",
        "C.7 Place of Performance\nThe work shall be performed at the contractor's own facility.",
        False,
    ),
    # --- documentation: manuals and technical data the contractor delivers (the data list of the contract); proof of
    # insurance or past performance is no documentation
    (
        "documentation",
        "C.10 Data\nAll technical data shall be delivered as specified in the Contract Data Requirements List (CDRL), Exhibit A.",
        True,
    ),
    (
        "documentation",
        "C.10 Manuals\nThe contractor shall deliver operation and maintenance manuals for each installed system.",
        True,
    ),
    (
        "documentation",
        "H.5 Insurance\nBefore work starts the contractor shall provide documentation of its insurance coverage to the Contracting Officer.",
        False,
    ),
    (
        "documentation",
        "L.6 Past Performance\nOfferors shall furnish documentation of three recent contracts of similar size.",
        False,
    ),
    # --- training: the contractor training the Government's staff; its own employees' training is none
    (
        "training",
        "C.11 Training\nThe contractor shall train Government users in the operation of the new system.",
        True,
    ),
    (
        "training",
        "C.11 Training\nThe contractor shall provide training to agency personnel on the maintenance of the equipment.",
        True,
    ),
    ("training", "H.6 Personnel\nAll contractor employees shall complete annual security awareness training.", False),
    (
        "training",
        "H.6 Personnel\nThe contractor shall ensure its staff are trained in the safe use of chemicals.",
        False,
    ),
    # --- software updates: patches and new releases of the software; patches of plants, schedule updates are none
    (
        "software_updates",
        "C.12 Maintenance\nThe contractor shall install security patches on all servers within the maintenance window.",
        True,
    ),
    (
        "software_updates",
        "C.12 Treatment\nThe contractor shall treat every patch of invasive plants found along the trail.",
        False,
    ),
    ("software_updates", "C.12 Reports\nThe contractor shall update the project schedule every month.", False),
    # --- warranty period: the contractor's warranty of its work for a time
    (
        "warranty_period",
        "E.5 Warranty\nThe contractor warrants all work performed under this contract for one (1) year from the date of final acceptance.",
        True,
    ),
    (
        "warranty_period",
        "K.2 Certifications\nThe offeror warrants that it has not paid any contingent fee to obtain this contract.",
        False,
    ),
    # --- change procedure: only the Contracting Officer may change the contract, by a written modification
    (
        "change_procedure",
        "G.1 Authority\nOnly the Contracting Officer has the authority to change the terms of this contract.",
        True,
    ),
    (
        "change_procedure",
        "G.1 Modifications\nAny change to the scope of work shall be made only by a contract modification issued by the Contracting Officer.",
        True,
    ),
    (
        "change_procedure",
        "H.7 Key Personnel\nThe contractor shall notify the COR of any change in its telephone number.",
        False,
    ),
    (
        "change_procedure",
        "C.13 Site\nThe contractor shall note changes in the extent of invasive plant cover on the map.",
        False,
    ),
    # --- post-termination support: continuity of services and phase-out to a successor at the end of the contract; the
    # phase-in at the start is none
    (
        "post_termination_support",
        "H.8 Phase-Out\nDuring the final sixty (60) days the contractor shall assist the successor contractor in a phase-out transition.",
        True,
    ),
    (
        "post_termination_support",
        "H.8 Continuity of Services\nUpon expiration of this contract the contractor shall cooperate with its successor to ensure continuity of services.",
        True,
    ),
    (
        "post_termination_support",
        "H.8 Phase-In\nDuring the thirty (30) day phase-in period the contractor shall hire and train its staff.",
        False,
    ),
    # --- inspection and acceptance: the Government inspecting and accepting the services (the surveillance plan); an
    # inspection of the contractor's records is an audit
    (
        "inspection_acceptance",
        "E.1 Surveillance\nThe Government will evaluate the contractor's performance in accordance with the Quality Assurance Surveillance Plan.",
        True,
    ),
    (
        "inspection_acceptance",
        "E.1 Acceptance\nThe COR will accept the completed services after verifying that they meet the performance standards.",
        True,
    ),
    (
        "inspection_acceptance",
        "I.2 Records\nThe Government may examine the contractor's payroll records at any time.",
        False,
    ),
]


test_federal_statement_of_work_phrasing = phrasing_family_test(FAMILIES)


def _service_hours_values(text: str) -> dict[str, object]:
    report = check_text(text, as_of=date(2026, 12, 5)).as_dict()
    entry = next(c for c in report["clauses"] if c["kind"] == "service_hours")
    assert entry["present"], text
    return dict(entry["values"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "C.4 Hours\nNormal duty hours are 0800-1700, Monday through Friday, excluding Federal holidays.",
            {"days": "Mon-Fri", "start": "08:00", "end": "17:00", "calendar": "us"},
        ),
        (
            "C.4 Coverage\nThe contractor shall staff the operations center from 0600 to 2200 hours daily.",
            {"start": "06:00", "end": "22:00"},
        ),
    ],
)
def test_federal_service_hours_give_their_clock_times_and_holidays(text: str, expected: dict[str, str]) -> None:
    """The hours handed to the SLA engine: 24-hour clock times are read as the start and end of the day's cover, and
    "Federal holidays" as the US holiday calendar."""
    values = _service_hours_values(text)
    for key, value in expected.items():
        assert values.get(key) == value, (key, values)


def test_a_span_of_years_is_no_clock_time() -> None:
    values = _service_hours_values(
        "C.4 Hours\nSupport hours are Monday through Friday during contract years 2004-2005."
    )
    assert "start" not in values and "end" not in values
