"""Members, fees and board of the demo associations, as the source documents give them."""

import datetime
from decimal import Decimal

from finsam.demo import LANDSKRONA_SVALOV, RAR, ensure
from members.models import (
    BoardRole,
    BoardSeat,
    FeeStatus,
    FeeYear,
    FixedShare,
    LocalGroup,
    MemberKind,
    MemberOrganisation,
    SplitMethod,
)

# RAR's fixed municipal percentages 2007–2010 (plans 2007 and 2010).
RAR_PERCENTAGES = {
    "Eskilstuna kommun": Decimal("34.9"),
    "Flens kommun": Decimal("6.3"),
    "Gnesta kommun": Decimal("3.8"),
    "Katrineholms kommun": Decimal("12.4"),
    "Nyköpings kommun": Decimal("19.0"),
    "Oxelösunds kommun": Decimal("4.3"),
    "Strängnäs kommun": Decimal("11.7"),
    "Trosa kommun": Decimal("4.1"),
    "Vingåkers kommun": Decimal("3.5"),
}

# The plan 2023 names three LSG areas; which municipality sits where is the county's geography.
RAR_LOCAL_GROUPS = {
    "LSG norra": ["Eskilstuna kommun", "Strängnäs kommun"],
    "LSG södra": ["Nyköpings kommun", "Oxelösunds kommun", "Trosa kommun", "Gnesta kommun"],
    "LSG västra": ["Katrineholms kommun", "Flens kommun", "Vingåkers kommun"],
}

# Plan 2009–2010: "Styrelseledamöter år 2009" (ledamot, ersättare, appointed by).
LANDSKRONA_BOARD_2009 = [
    ("Landskrona stad", ("Mattias Adolfsson", "fp"), ("Hans Petersson", "s")),
    ("Svalövs kommun", ("Krister Olsson", "s"), ("Agnetha Persson", "c")),
    ("Region Skåne", ("Lennart Ling", "m"), ("Eva Örtegren", "s")),
    ("Försäkringskassan", ("Ingrid Sonander", ""), ("Cecilia Sporre", "")),
    ("Arbetsförmedlingen", ("Camilla Rejdvik-Pålsson", ""), ("Stefan Wikander", "")),
]


def load(associations, stdout=None) -> None:
    _load_rar(associations[RAR])
    _load_landskrona_svalov(associations[LANDSKRONA_SVALOV])


def _member(association, name, kind, **values):
    return ensure(MemberOrganisation, {"association": association, "name": name}, {"kind": kind, **values})


def _load_rar(rar) -> None:
    _member(rar, "Försäkringskassan", MemberKind.FORSAKRINGSKASSAN)
    # Arbetsförmedlingen took over from the county labour board (LAN) in 2008.
    _member(
        rar,
        "Arbetsförmedlingen",
        MemberKind.ARBETSFORMEDLINGEN,
        former_name="LAN",
        name_since=datetime.date(2008, 1, 1),
    )
    # Landstinget Sörmland became Region Sörmland in 2019; the older plans say "Landstinget".
    _member(
        rar,
        "Region Sörmland",
        MemberKind.REGION,
        former_name="Landstinget",
        name_since=datetime.date(2019, 1, 1),
    )
    groups = {name: ensure(LocalGroup, {"association": rar, "name": name}) for name in RAR_LOCAL_GROUPS}
    municipalities = {}
    for group_name, names in RAR_LOCAL_GROUPS.items():
        for name in names:
            municipalities[name] = _member(rar, name, MemberKind.MUNICIPALITY, local_group=groups[group_name])

    # Plan 2007: 2007 and 2008 preliminary, 15 000 000 kr; plan 2010 prints "År 2009", also preliminary.
    notes = {
        2007: "Kommunernas fördelning är preliminär (plan 2007).",
        2008: "Kommunernas fördelning är preliminär (plan 2007).",
        2009: "Preliminär: ska baseras på invånarantalet per 1 november 2009 (plan 2010).",
    }
    for year, note in notes.items():
        fee_year = ensure(
            FeeYear,
            {"association": rar, "year": year},
            {
                "total": 15_000_000,
                "status": FeeStatus.PRELIMINARY,
                "split_method": SplitMethod.PERCENTAGES,
                "note": note,
            },
        )
        for name, percent in RAR_PERCENTAGES.items():
            ensure(FixedShare, {"fee_year": fee_year, "member": municipalities[name]}, {"percent": percent})


def _load_landskrona_svalov(association) -> None:
    founded = datetime.date(2009, 9, 1)
    kinds = {
        "Landskrona stad": MemberKind.MUNICIPALITY,
        "Svalövs kommun": MemberKind.MUNICIPALITY,
        "Region Skåne": MemberKind.REGION,
        "Försäkringskassan": MemberKind.FORSAKRINGSKASSAN,
        "Arbetsförmedlingen": MemberKind.ARBETSFORMEDLINGEN,
    }
    members = {name: _member(association, name, kind, member_from=founded) for name, kind in kinds.items()}
    for member_name, (regular, regular_party), (deputy, deputy_party) in LANDSKRONA_BOARD_2009:
        member = members[member_name]
        for person, party, role in (
            (regular, regular_party, BoardRole.MEMBER),
            (deputy, deputy_party, BoardRole.DEPUTY),
        ):
            ensure(
                BoardSeat,
                {"member": member, "person_name": person},
                {"role": role, "party": party, "term_from": founded},
            )
