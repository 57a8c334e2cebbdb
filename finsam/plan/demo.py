"""Complete demo plans: RAR 2023, RAR 2010 (revised), RAR 2007 and Landskrona-Svalöv 2010.

The narrative is written anew from the facts of the source plans (not copied); the tables are generated blocks.
"""

import datetime

from finsam.demo import LANDSKRONA_SVALOV, RAR, ensure
from finsam.plan.models import CycleItem, Plan, RiskItem, Section
from finsam.plan.services import adopt_plan

LAW = (
    "Lagen (2003:1210) om finansiell samordning av rehabiliteringsinsatser gäller sedan januari 2004. Den låter "
    "Försäkringskassan, Arbetsförmedlingen, regionen och kommunerna bilda ett samordningsförbund och tillsammans "
    "finansiera insatser för personer som behöver samordnat stöd för att kunna arbeta eller studera."
)

RAR_2023 = [
    (
        "Bakgrund och uppdrag",
        "text",
        "",
        "",
        LAW + "\n\n"
        "RAR i Sörmland bildades våren 2005 och är ett av åtta länsförbund. Medlemmar är Arbetsförmedlingen, "
        "Försäkringskassan, Region Sörmland och länets nio kommuner. Staten har avsatt 8 mkr till förbundet för 2023.",
    ),
    (
        "Styrelsens uppdrag",
        "text",
        "",
        "",
        "Enligt förbundsordningen ska styrelsen\n\n"
        "- besluta om mål och riktlinjer för den finansiella samordningen,\n"
        "- stödja samverkan mellan parterna,\n"
        "- besluta hur tillgängliga medel ska användas och finansiera insatser för individer,\n"
        "- följa upp och utvärdera beslutade insatser, och\n"
        "- upprätta budget och årsredovisning.\n\n"
        "Förbundet fattar inga beslut om enskildas förmåner och utövar ingen myndighet.",
    ),
    (
        "Verksamhet och inriktning",
        "text",
        "",
        "",
        "Arbetet bedrivs i tre lokala samverkansgrupper (norra, södra och västra länsdelen) som träffas fyra gånger om "
        "året. Verksamheten består av *insatsfinansiering*, *samverkansstöd* och *kunskapsförmedling*.\n\n"
        "Enligt mål- och inriktningsplanen 2022–2026 ska **75 procent** av insatsmedlen gå till långsiktiga, "
        "länsövergripande insatser och 25 procent till kortare, lokala insatser. Ansökningar tas emot två gånger om året.",
    ),
    ("Mål och uppföljning 2023", "block", "goals", "", ""),
    ("Insatser 2023", "block", "projects", "", ""),
    ("Årsprocess", "block", "cycle", "", ""),
    ("Riskanalys och internkontrollplan", "block", "risks", "", ""),
    ("Budget 2023", "block", "budget", "", ""),
]

RAR_2010 = [
    (
        "Inledning",
        "text",
        "",
        "",
        "RAR ska stödja samverkan inom arbetslivsinriktad rehabilitering mellan länets kommuner, landstinget, "
        "Arbetsförmedlingen och Försäkringskassan. Omkring fem procent av befolkningen, cirka 9 000 personer, berörs.",
    ),
    (
        "Mål",
        "text",
        "",
        "",
        "Det övergripande målet är att medlemmarnas insatser samordnas så att individen når eller förbättrar sin "
        "förmåga att arbeta.\n\n"
        "Finansiella mål: likviditeten ska aldrig understiga 500 tkr, förbundet ska alltid inom sex månader kunna "
        "finansiera insatser upp till 2 000 tkr, och varje finansieringsbeslut har förbehåll om medlemsinsatserna "
        "understiger 15 mkr per år.",
    ),
    ("Befintliga projekt", "block", "projects", "", ""),
    ("Medlemsinsatser", "block", "member_fees", "2009", ""),
    ("Budget", "block", "budget", "", ""),
]

RAR_2007 = [
    (
        "Inledning",
        "text",
        "",
        "",
        "Förbundet stödjer samverkan mellan parterna, i första hand genom stöd till enskilda men också genom "
        "utbildningar, konferenser och seminarier. Arbetslöshet, ohälsa och bidragsberoende är högre i Sörmland än i "
        "riket och skiljer sig mellan kommunerna.",
    ),
    (
        "Behovsgrupper",
        "text",
        "",
        "",
        "Insatserna riktas till personer med\n\n- psykisk ohälsa,\n- beroendeproblem,\n- smärta i rörelseapparaten,\n\n"
        "med särskilt fokus på unga, kvinnor och personer med utländsk bakgrund.",
    ),
    ("Befintliga projekt", "block", "projects", "", ""),
    ("Medlemsinsatser", "block", "member_fees", "2007, 2008", ""),
    ("Budget 2007", "block", "budget", "", ""),
]

LANDSKRONA_2010 = [
    (
        "Inledning",
        "text",
        "",
        "",
        "Samordningsförbundet Landskrona-Svalöv bildades den 1 september 2009 av Landskrona stad, Svalövs kommun, "
        "Region Skåne, Arbetsförmedlingen och Försäkringskassan. Förbundet är en egen juridisk person.",
    ),
    ("Styrelse", "block", "board", "", ""),
    (
        "Målgrupper",
        "text",
        "",
        "",
        "- Unga vuxna utanför arbetsmarknaden\n- Personer med psykosocial problematik\n"
        "- Personer som har svårt att etablera sig på arbetsmarknaden\n- Långtidssjukskrivna som lämnar sjukförsäkringen",
    ),
    ("Budget 2010", "block", "budget", "", ""),
]

CYCLE_2023 = [
    ("Mars", "Styrelsen beslutar om årsredovisningen"),
    ("Mars–april", "Medlemsmöte med genomgång av årsredovisningen"),
    ("April–maj", "Begäran om budget för nästa år skickas till medlemmarna"),
    ("September", "Kansliet tar fram förslag till verksamhetsplan och budget"),
    ("Oktober", "Medlemsmöte om verksamhetsplan och budget"),
    ("November", "Styrelsen beslutar om verksamhetsplan och budget"),
]

RISKS_2023 = [
    (
        "Beslut om insatser fattas utanför styrelsens ramar",
        1,
        4,
        "Beredning mot mål och riktlinjer före varje beslut",
        "Förbundschef",
    ),
    ("Felaktig finansiell rapportering", 2, 3, "Attest och avstämning varje kvartal; revision", "Kansliet"),
    (
        "Insatser rekvirerar mindre än beviljat och medel blir liggande",
        3,
        2,
        "Halvårsvis uppföljning av rekvisitioner",
        "Kansliet",
    ),
    ("Lagar och riktlinjer följs inte", 1, 3, "Årlig genomgång av styrdokumenten", "Styrelsen"),
]


def load(associations, stdout=None) -> None:
    rar, landskrona = associations[RAR], associations[LANDSKRONA_SVALOV]
    plan_2023 = _plan(rar, 2023, "Verksamhetsplan och budget 2023", "", RAR_2023)
    for position, (when, what) in enumerate(CYCLE_2023, start=1):
        ensure(CycleItem, {"plan": plan_2023, "when": when}, {"what": what, "position": position * 10})
    for position, (risk, likelihood, consequence, control, responsible) in enumerate(RISKS_2023, start=1):
        ensure(
            RiskItem,
            {"plan": plan_2023, "risk": risk},
            {
                "likelihood": likelihood,
                "consequence": consequence,
                "control": control,
                "responsible": responsible,
                "position": position * 10,
            },
        )
    # The source gives only the revised plan (2010-01-13): one adopted version carrying the revision note.
    rar_2010 = _plan(rar, 2010, "Verksamhetsplan RAR 2010", "RAR09-19", RAR_2010)
    if not rar_2010.versions.exists():
        rar_2010.revised_on = datetime.date(2010, 1, 13)
        rar_2010.revision_reason = "utifrån förändrad budget 2010"
        rar_2010.save()
        adopt_plan(plan=rar_2010, adopted_on=datetime.date(2010, 1, 13), reference="RAR09-19")
    _plan(rar, 2007, "Verksamhetsplan 2007", "", RAR_2007)
    _plan(landskrona, 2010, "Verksamhetsplan och budget 2010", "", LANDSKRONA_2010)


def _plan(association, year, title, reference, sections) -> Plan:
    plan = Plan.objects.filter(association=association, year=year).first()
    if plan is not None and plan.versions.exists():
        return plan  # adopted: a document of record from here on
    plan = ensure(Plan, {"association": association, "year": year}, {"title": title, "reference": reference})
    for position, (heading, kind, block, years, body) in enumerate(sections, start=1):
        ensure(
            Section,
            {"plan": plan, "heading": heading},
            {"kind": kind, "block": block, "block_years": years, "body": body, "position": position * 10},
        )
    return plan
