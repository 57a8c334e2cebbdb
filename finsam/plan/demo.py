"""The five source plans as demo plans: RAR 2005/06, 2007, 2010 (revised) and 2023, Landskrona-Svalöv 2009–2010,
and RAR's report for 2023 (verksamhetsberättelse), which sets the demo's example outcome against the 2023 plan.

Every section and table of each source is here, under the source's own headings. The narrative is written anew
in the product's words from the facts of the sources (facts and figures carry over, sentences do not); the
tables are generated blocks computed from the demo data, so where a source's printed sum disagrees with its own
lines the plan shows the computed one (budget/demo.py names them).
"""

import datetime

from finsam.demo import LANDSKRONA_SVALOV, RAR, ensure
from finsam.plan.models import CycleItem, Plan, PlanKind, Section
from finsam.plan.services import adopt_plan

# heading, kind, block, block settings (years), body
TEXT, BLOCK = "text", "block"

RAR_2023 = [
    (
        "Bakgrund och uppdrag",
        TEXT,
        "",
        "",
        "# FINSAM\n\n"
        "Sedan januari 2004 gäller lagen (SFS 2003:1210) om finansiell samordning av rehabiliteringsinsatser. "
        "Med stöd av den kan Arbetsförmedlingen, Försäkringskassan, regionen och kommunerna lägga samman pengar "
        "till gemensamma insatser inom välfärd och rehabilitering.\n\n"
        "När de fyra parterna bildar ett samordningsförbund bestämmer de själva hur samarbetet ska se ut, efter "
        "de behov och förutsättningar som finns där de verkar.\n\n"
        "Förbundets huvuduppgift är att medborgare ska få det stöd och den rehabilitering som gör att de kan "
        "försörja sig själva. För den enskilde sker det genom att förbundet finansierar insatser som parterna "
        "driver. Samverkan i förbundet låter parterna ta ett gemensamt ansvar och utveckla arbetet med välfärd "
        "och rehabilitering. Staten har avsatt 8 mkr för Sörmland år 2023.\n\n"
        "Landet har i dag 82 samordningsförbund. De finns i alla regioner och i 247 av de 290 kommunerna.\n\n"
        "# Samordningsförbundet RAR i Sörmland\n\n"
        "Samordningsförbundet RAR i Sörmland (nedan RAR) bildades våren 2005 och är ett av åtta förbund som "
        "täcker ett helt län. Förbundets främsta uppgift är att ge ekonomiskt stöd till parternas samverkan "
        "kring samordnad arbetslivsinriktad rehabilitering, så att personer som behöver stöd från flera parter "
        "kommer ut på eller närmare arbetsmarknaden.\n\n"
        "Medlemmarna är Arbetsförmedlingen, Försäkringskassan, Region Sörmland och länets alla nio kommuner: "
        "Eskilstuna, Flen, Gnesta, Katrineholm, Nyköping, Oxelösund, Strängnäs, Trosa och Vingåker. Arbetet "
        "styrs av lagen (SFS 2003:1210), av förbundsordningen och av de styrdokument som styrelsen har antagit.",
    ),
    (
        "Styrelsens uppdrag",
        TEXT,
        "",
        "",
        "Förbundsordningen ger styrelsen i uppdrag att\n\n"
        "- fastställa mål och riktlinjer för den finansiella samordningen,\n"
        "- främja samverkan mellan parterna,\n"
        "- bestämma hur de medel som finns för samordningen ska användas,\n"
        "- finansiera insatser för personer som behöver samordnade rehabiliteringsinsatser,\n"
        "- följa upp och utvärdera de åtgärder som har beslutats, och\n"
        "- ta fram budget och årsredovisning för samordningen.\n\n"
        "Förbundet beslutar aldrig om enskildas förmåner eller rättigheter och utövar ingen myndighet.",
    ),
    (
        "Verksamhet",
        TEXT,
        "",
        "",
        "Parterna samverkar i lokala samverkansgrupper (LSG). Varje medlem finns med i en LSG, och grupperna "
        "täcker länets tre delar: norra, södra och västra. En LSG möts fyra gånger om året och är platsen där "
        "parterna diskuterar sin samverkan om arbetslivsinriktad rehabilitering.\n\n"
        "Verksamheten har tre delar: *insatsfinansiering*, *samverkansstöd* och *kunskapsförmedling*.",
    ),
    (
        "Inriktning",
        TEXT,
        "",
        "",
        "Mål- och inriktningsplanen 2022–2026 säger att **75 procent** av insatserna ska vara långsiktiga och "
        "omfatta hela länet, och att 25 procent får vara kortare insatser som inte behöver täcka hela länet.\n\n"
        "Både de insatser förbundet finansierar och de ESF-projekt RAR äger ska verka för jämställdhet, "
        "tillgänglighet och icke-diskriminering. De tre perspektiven ska finnas med när ansökningar analyseras, "
        "medan insatsen pågår och när resultaten redovisas.\n\n"
        "Ansökningar tas emot två gånger under 2023 och beslutas på närmast följande styrelsemöte. Styrelsen "
        "bestämmer själv vilka ansökningar som prioriteras och hur mycket pengar de får.",
    ),
    (
        "Målgrupper",
        TEXT,
        "",
        "",
        "Enligt finsamlagen riktar sig alla förbund till personer i förvärvsaktiv ålder som behöver samordnade "
        "rehabiliteringsinsatser för att nå arbete och egen försörjning.\n\n"
        "RAR:s mål- och inriktningsplan prioriterar två grupper:\n\n"
        "- Unga vuxna med psykisk eller fysisk ohälsa, psykisk sjukdom, neuropsykiatrisk funktionsnedsättning "
        "eller inlärningssvårigheter, både de som har aktivitetsersättning och de som har samma svårigheter men "
        "en annan ersättning eller ingen alls.\n"
        "- Personer med psykisk eller fysisk ohälsa som behöver samordnade insatser.\n\n"
        "För dessa grupper ska förbundet samordna myndigheternas ordinarie insatser och fylla i med det som "
        "saknas. I ESF-projekt kan målgrupperna vara andra.",
    ),
    (
        "Mål och uppföljning 2023",
        BLOCK,
        "goals",
        "",
        "Alla mål följs upp med jämställdhet i blicken: deltagande och resultat redovisas uppdelat på kön.",
    ),
    (
        "Uppföljning och utvärdering av insatserna",
        TEXT,
        "",
        "",
        "Förbundet följer insatserna för individer i SUS, det nationella systemet för uppföljning av samverkan "
        "och finansiell samordning. Varje insats lämnar en lägesrapport varje halvår och en slutrapport när den "
        "avslutas.\n\n"
        "Uppföljningen ska visa att insatsen håller den kvalitet som styrelsen beviljade pengar för, och ge "
        "styrelsen kunskap om insatsernas resultat. Styrelsen styr genom finansieringen och genom dialogen med "
        "parterna, som då kan agera i de insatser de själva deltar i.",
    ),
    (
        "Stöd till parterna för att underlätta samverkan",
        TEXT,
        "",
        "",
        "Kansliet leder alla LSG och styrgrupperna i de ESF-projekt RAR äger, och är adjungerat i styrgrupperna "
        "för de insatser RAR finansierar. Parterna får återkoppling om uppföljning och avvikelser, stöd i att "
        "hålla motivationen uppe, kunskapshöjande aktiviteter och praktisk hjälp. Så ska både ansökningar och "
        "insatser hålla sig till styrelsens mål, och parternas förmåga att samverka växa.\n\n"
        "Kansliet driver och deltar också i nätverk som stöder samverkan, bland dem insatsledarnätverket och "
        "nätverket för arbetsmarknadschefer. Förbundet är med på mötena i Nationella nätverket för "
        "samordningsförbund (NNS).",
    ),
    (
        "Stöd till kompetensutveckling/kunskapshöjande insatser",
        TEXT,
        "",
        "",
        "Även i år stöder förbundet kompetensutveckling för medlemmarna. Det kan gälla insatser av tillfälligt "
        "slag som parterna bedömer behövs, till exempel för att stärka medlemmarnas kunskap om samverkan.",
    ),
    (
        "Årsprocess för verksamhetsplaneringen",
        BLOCK,
        "cycle",
        "",
        "Planeringen följer samma årscykel varje år. Styrelsen sammanträder fyra gånger om året och beslutar då "
        "om inkomna ansökningar och om mål och riktlinjer för verksamheten.\n\n"
        "Till medlemsmötena bjuds ordförandena i kommunstyrelserna och regionstyrelsen, kommundirektörerna, "
        "regiondirektören och företrädare för de statliga myndigheterna.",
    ),
    (
        "Kansliet",
        TEXT,
        "",
        "",
        "Kansliet hjälper styrelsen att nå sina mål, framför allt genom att ta fram underlag för besluten men "
        "också genom annat arbete som för målen framåt.\n\n"
        "När medlemmarna behöver det ordnar kansliet kunskapshöjande aktiviteter. Får parterna pengar till "
        "sådana insatser deltar kansliet och berättar om förbundet.\n\n"
        "Kansliet skriver årsredovisningen och förslaget till verksamhetsplan. Under året genomförs den "
        "omställning som mål- och inriktningsplanen beskriver.",
    ),
    (
        "Riskanalys och internkontrollplan",
        TEXT,  # the source has no risk table under this heading, only these words; none is made up for it
        "",
        "",
        "Riskanalysen och internkontrollplanen hör till förbundets systematiska arbete med kvalitet och "
        "förbättring. Förbundet har inget ansvar för parternas verksamhet men finansierar deras insatser, och "
        "därför måste det vara säkert att vägen fram till varje beslut om en insats följer de ramar som gäller.\n\n"
        "Den interna kontrollen ska med rimlig säkerhet ge\n\n"
        "- en verksamhet som når sitt syfte och använder pengarna väl,\n"
        "- pålitlig ekonomisk rapportering och information om verksamheten, och\n"
        "- att lagar, föreskrifter och riktlinjer följs.\n\n"
        "En god intern kontroll gör det möjligt att följa verksamhetens prestationer, kvalitet och ekonomi. Vad "
        "kontrollen kostar ska stå i rimlig proportion till vad den ger.",
    ),
    (
        "Budget",
        BLOCK,
        "budget",
        "",
        "Förbundet räknar med 20 mkr för 2023, till samverkansinsatser och till förbundets styrning och "
        "förvaltning. Kalkylen bygger på att 2022 slutar som prognosen per 30 juni, det vill säga med ett "
        "överskott på omkring 1,5 mkr.\n\n"
        "Pengarna kommer från årets medlemsavgifter på 16 mkr, ESF-medel på 2,5 mkr och de 1,5 mkr från tidigare "
        "år som prognosen visar inte har förbrukats.\n\n"
        "Medlemsavgiften är densamma som året innan. Styrelsen utgår från god ekonomisk hushållning, både i "
        "verksamheten och för de förtroendevalda. Omkring 3,5 mkr går till styrelsens arbete och förbundets "
        "förvaltning. Samverkansinsatserna budgeteras med de beviljade insatsernas belopp för året, och raden är "
        "summan av insatsernas rader i tabellen.\n\n"
        "Enligt den preliminära prognosen för 2022 rekvirerar insatserna omkring 2 mkr mindre än budgeterat, "
        "räknat på de avvikelser som var kända den 30 juni. Vid årets slut väntas 1,5 mkr finnas kvar.\n\n"
        "Beviljas ansökan om ESF-medel kan budgeten behöva kompletteras. Tabellen gäller budgeten för 2023, i "
        "tusental kronor.",
    ),
    ("Insatser i länet under 2023", BLOCK, "projects", "", ""),
    (
        "Förkortningar",
        TEXT,
        "",
        "",
        "- **MISAM**: Myndigheter i samverkan\n"
        "- **ESF**: Europeiska socialfonden\n"
        "- **NNS**: Nationella nätverket för samordningsförbund\n"
        "- **SUS**: Sektorsövergripande system för uppföljning av samverkan och finansiell samordning inom "
        "rehabiliteringsområdet\n"
        "- **Intstrat**: Integrationsstrateginätverket\n"
        "- **BIP**: Beskæftigelses Indikator Projekt, ett projekt om indikatorer för sysselsättning\n"
        "- **Horisontella kriterier**: jämställdhet, tillgänglighet och icke-diskriminering",
    ),
]

RAR_2010 = [
    (
        "Inledning",
        TEXT,
        "",
        "",
        "Förbundet finns till för att stödja samverkan om arbetslivsinriktad rehabilitering mellan länets "
        "kommuner, landstinget, Arbetsförmedlingen och Försäkringskassan. Samverkansinsatserna gäller omkring "
        "fem procent av invånarna, ungefär 9 000 personer i Sörmland.\n\n"
        "RAR ska bygga och sprida kunskap och utveckling, arbeta över hela länet med större projekt som löper "
        "flera år och utvärdera dem. RAR ska också hjälpa till att föra in det som visat sig fungera i "
        "ordinarie verksamhet och finansiera utbildning.\n\n"
        "Insatserna bygger på att\n\n"
        "- varje människa vill ingå i ett socialt sammanhang och själv fatta de viktiga besluten om sitt liv,\n"
        "- människor helst inte vill vara beroende av bidrag,\n"
        "- rehabiliteringsaktörerna ska stärka den enskildes förmåga att leva självständigt utan att ta över "
        "hennes eget ansvar, och\n"
        "- sociala, ekonomiska och individuella hinder för den enskilde delvis går att överbrygga.",
    ),
    (
        "Mål",
        TEXT,
        "",
        "",
        "# Övergripande mål\n\n"
        "Medlemmarnas insatser ska samordnas så att individen når eller förbättrar sin förmåga att förvärvsarbeta.\n\n"
        "# Individmål\n\n"
        "- De som nås av RAR:s insatser ska i första hand må bättre enligt egen bedömning, i andra hand ha börjat "
        "arbeta, studera eller gå vidare till en ny rehabiliteringsaktivitet.\n"
        "- Det ska i sin tur minska projektdeltagarnas behov av offentlig försörjning och offentliga tjänster.\n\n"
        "# Organisatoriska mål\n\n"
        "- Det RAR gör ska förbättra medlemmarnas samverkan kring personer som behöver samordnad rehabilitering.\n"
        "- Förtroendevalda och tjänstemän som berörs ska känna väl till villkoren för samverkan och för "
        "finansiell samordning.\n\n"
        "# Finansiella mål\n\n"
        "RAR håller sig inom de ekonomiska ramar som gäller. Varje beslut om att finansiera ett projekt har ett "
        "förbehåll: ersättningen kan justeras om medlemsinsatserna sammanlagt blir mindre än 15 mkr om året.\n\n"
        "Likviditeten får aldrig bli lägre än 500 tkr, och RAR ska alltid inom sex månader kunna besluta om "
        "projekt som kostar upp till 2 000 tkr.\n\n"
        "Ett underskott i resultaträkningen täcks med kommande medlemsavgifter.",
    ),
    (
        "Framgångsfaktorer och hinder i samverkansarbete",
        TEXT,
        "",
        "",
        "Det som underlättar och det som hindrar samverkan ska vägas in i det fortsatta arbetet med de "
        "aktiviteter RAR finansierar:\n\n"
        "- Samverkan utvecklas bäst med stöd i processen.\n"
        "- Myndigheterna behöver se på uppgiften på samma sätt, både i ledningen och bland handläggarna.\n"
        "- Utvecklingsarbetet vinner på ett flexibelt förhållningssätt.\n"
        "- Särskild uppmärksamhet behövs för omorganisationer, för hur regelverken tolkas och för att "
        "myndigheterna delar in länet på olika sätt.",
    ),
    (
        "Behovsgrupper",
        TEXT,
        "",
        "",
        "Insatserna ska nå\n\n"
        "- unga som inte är sjukskrivna men behöver särskilt stöd i samverkan, och\n"
        "- sjuka som behöver rehabilitering i samverkan.",
    ),
    (
        "Aktiviteter som ska genomföras under 2010",
        TEXT,
        "",
        "",
        "- Beskriva, stödja och finansiera en samverkansplattform för unga som inte är sjukskrivna men behöver "
        "särskilda stödinsatser i samverkan. Lärdomarna från Tidig rehabilitering i samverkan tas till vara, och "
        "behovet av förebyggande insatser och rehabiliteringsaktiviteter beskrivs också.\n"
        "- Finansiera och stödja det fortsatta utvecklandet av Tidig rehabilitering i samverkan.\n"
        "- Lägga upp utvecklingsarbetet så att erfarenheterna senare kan användas även för vuxna.\n"
        "- Kartlägga behovet av utbildning och finansiera utbildning som gör det lättare att genomföra punkterna "
        'ovan. Insatser och målgrupper står i "Utbildningsplan RAR 2010-2011".\n'
        "- Stödja de lokala samverkansgruppernas eget utvecklingsarbete med hjälp från kansliet och med en "
        '"aktivitetspeng", som kan gå till planeringsdagar eller annat som gör den lokala samverkan lättare.',
    ),
    (
        "Befintliga projekt",
        BLOCK,
        "projects",
        "",
        "Projekten nedan beslutades senast den 31 oktober 2009 och pågår under 2010. Belopp i tusental kronor.",
    ),
    (
        "Kommunikation och information",
        TEXT,
        "",
        "",
        "Öppenhet och insyn ska prägla förbundet. Medlemmarna och omvärlden ska fortlöpande få veta vad RAR gör.\n\n"
        "Informationen ska ge de anställda mer kunskap om förbundets roll och uppdrag och göra det dagliga "
        "arbetet lättare, till exempel när förslag bereds och viktiga arbetsområden ska hittas. Förbundschefen "
        "har huvudansvaret för informationen och för att bevaka omvärlden.\n\n"
        "RAR:s nya inriktning ska spridas särskilt:\n\n"
        "- förbundschefen informerar förbundsstyrelsen och beredningsgruppen,\n"
        "- beredningsgruppens ledamöter informerar berörd personal i den egna organisationen,\n"
        "- styrelseledamöterna informerar de förtroendevalda i den egna organisationen, och\n"
        "- ett nyhetsbrev läggs ut på hemsidan varje kvartal.",
    ),
    (
        "Budget",
        BLOCK,
        "member_fees",
        "2009",
        "# Medlemsinsatser\n\n"
        "Kommunernas andelar är preliminära: de ska bygga på invånarantalet den 1 november 2009, som redovisas "
        "den 10 december 2009.",
    ),
    (
        "Budget för kostnader och intäkter",
        BLOCK,
        "budget",
        "",
        "Intäkter visas som negativa belopp och resultatet som positivt vid underskott. Underskottet 2010, "
        "8 741 tkr, betalas med medlemsavgifter som inte har använts tidigare år.",
    ),
]

RAR_2006 = [
    (
        "Förbundets mål",
        TEXT,
        "",
        "",
        "Medlemmarnas insatser ska samordnas så att individen når eller förbättrar sin förmåga att förvärvsarbeta, "
        "studera eller delta i någon annan insats som höjer hennes kompetens.",
    ),
    (
        "Inriktning",
        TEXT,
        "",
        "",
        "# Utvecklingsorganisation – Drivbänk\n\n"
        "RAR finansierar i första hand utvecklingsinsatser under en begränsad tid. Visar utvärderingen goda "
        "resultat väntas en eller flera medlemmar ta över insatsen och finansiera och driva den varaktigt. "
        "Redan innan en insats startar ska det bedömas om den kan finansieras utanför den formella samverkan.\n\n"
        "Undantag kan göras för insatser som bedöms särskilt värdefulla eller som bara pågår en kort tid "
        "(punktinsatser).",
    ),
    (
        "Framgångsfaktorer",
        TEXT,
        "",
        "",
        "# Utgå från individens behov\n\n"
        "Varje samverkansinsats tar sin utgångspunkt i vad individen behöver.\n\n"
        "# Samverkan i ett sammanhang\n\n"
        "En insats ska ingå i ett sammanhang: det ska gå att se hur den påverkar de enskilda och hur deras behov "
        "av stöd från samhället väntas förändras.\n\n"
        "# Länsorganisation – att samordna samverkan\n\n"
        "RAR:s insatser samordnas med övrig rehabiliteringssamverkan i Sörmland, och i det gemensamma arbetet "
        "stöds både parallella processer och insatser som kompletterar varandra.\n\n"
        "# Det lokala perspektivet – LSG\n\n"
        "Insatserna bygger på förutsättningarna på orten.\n\n"
        "# Uthållighet\n\n"
        "Att utveckla samverkan är komplicerat och kräver uthållighet.\n\n"
        "# Öppenhet\n\n"
        "Nya uppdrag, roller och synsätt kräver att medlemmarna är öppna och vill förändra.\n\n"
        "# Genderperspektivet\n\n"
        "Ett genderperspektiv ska finnas i alla insatser.",
    ),
    (
        "Kostnader",
        BLOCK,
        "budget",
        "2005, 2006",
        "Budgeten för kansli och aktiviteter gäller delåret 2005 och helåret 2006, i tusental kronor. För 2005 "
        "väntas ett överskott på omkring nio miljoner kronor, som förs över till 2006 och används till "
        "utbildning, seminarier och förebyggande insatser. Därmed kan hela beloppet för samverkansinsatser 2006, "
        "13 051 000 kronor, gå till de fyra behovsgrupperna.\n\n"
        "Raden Utvärdering har inget belopp än: styrelsen får en plan för utvärderingen den 25 november.",
    ),
    (
        "Uppföljning och utvärdering",
        TEXT,
        "",
        "",
        "Det RAR finansierar ska följas upp och utvärderas inom tre områden:\n\n"
        "- de insatser som har beslutats, utbildningar och seminarier inräknade,\n"
        "- nyckeltal och indikatorer, och\n"
        "- själva förändringsprocessen.\n\n"
        "När resurserna för utvärdering organiseras ska två behov vägas mot varandra: närhet till förbundets "
        "kansli och opartiskhet. En arbetsgrupp får i uppdrag att beskriva utvärderingen av RAR mer i detalj och "
        "lämna sitt förslag till styrelsen den 25 november 2005.",
    ),
]

RAR_2007 = [
    (
        "Inledning",
        TEXT,
        "",
        "",
        "# Uppdrag\n\n"
        "Förbundet ska stödja samverkan mellan parterna. Det sker mest genom stöd till enskilda, men också genom "
        "utbildningar, konferenser och seminarier.\n\n"
        "Samverkansinsatserna gäller omkring fem procent av invånarna, ungefär 9 000 personer i Sörmland. "
        "Arbetslösheten, ohälsotalen och bidragsberoendet är högre i länet än i riket och varierar mellan "
        "kommunerna.\n\n"
        "# Synsätt\n\n"
        "Insatserna bygger på att\n\n"
        "- varje människa vill ingå i ett socialt sammanhang och själv fatta de viktiga besluten om sitt liv,\n"
        "- människor helst inte vill vara beroende av bidrag,\n"
        "- rehabiliteringsaktörerna ska stärka den enskildes förmåga att leva självständigt utan att ta över "
        "hennes eget ansvar, och\n"
        "- sociala, ekonomiska och individuella hinder för den enskilde delvis går att överbrygga.",
    ),
    (
        "Mål",
        TEXT,
        "",
        "",
        "# Inriktningsmål\n\n"
        "Medlemmarnas insatser ska samordnas så att individen når eller förbättrar sin förmåga att förvärvsarbeta, "
        "studera eller delta i någon annan insats som höjer hennes kompetens.\n\n"
        "# Resultatmål\n\n"
        "- Färre ska vara beroende av offentlig försörjning (sjukpenning, sjuk- och aktivitetsersättning, "
        "ekonomiskt bistånd och ersättning vid arbetslöshet).\n"
        "- Behovet av sjukvård ska bli mindre.\n"
        "- Den psykiska hälsan ska bli bättre.\n"
        "- Fler ska ha sysselsättning.",
    ),
    (
        "Inriktning",
        TEXT,
        "",
        "",
        "# Utvecklingsorganisation – ”Drivbänk”\n\n"
        "RAR finansierar i första hand utvecklingsinsatser under en begränsad tid, och förutsätter att\n\n"
        "- det före start utreds om insatsen kan finansieras inom ordinarie verksamhet, och\n"
        "- en eller flera medlemmar tar över finansieringen varaktigt när utvärderingen visar goda resultat.\n\n"
        "Undantag kan göras för insatser som bedöms särskilt värdefulla eller som är punktinsatser.",
    ),
    (
        "Framgångsfaktorer",
        TEXT,
        "",
        "",
        "För förbundet och för samverkan i Sörmland är det avgörande att\n\n"
        "- samverkansinsatserna tar sin utgångspunkt i individens behov,\n"
        "- insatserna ingår i ett sammanhang, där det syns hur de påverkar de enskilda och hur deras behov av "
        "stöd från samhället kan förändras,\n"
        "- RAR:s insatser samordnas med övrig rehabiliteringssamverkan i Sörmland,\n"
        "- insatserna bygger på förutsättningarna på orten,\n"
        "- arbetet med att utveckla samverkan får vara uthålligt,\n"
        "- de verksamheter som berörs är öppna för och vill ändra uppdrag, roller och synsätt, och\n"
        "- insatserna anpassas efter att kvinnor och män har olika förutsättningar.",
    ),
    (
        "Insatser",
        TEXT,
        "",
        "",
        "# Behovsgrupper\n\n"
        "Insatserna riktas till medborgare som har särskilda behov och behöver stöd från flera "
        "rehabiliteringsaktörer, med\n\n"
        "- psykisk ohälsa,\n- beroendeproblem, eller\n- smärta i rörelseapparaten.\n\n"
        "I alla tre grupperna ligger tyngdpunkten på unga, kvinnor och personer med utländsk bakgrund.\n\n"
        "# Organisationerna\n\n"
        "Organisationerna får stöd genom att förbundet\n\n"
        "- utvecklar metoder för att tidigt hitta personer som behöver rehabilitering,\n"
        "- tar reda på vad som hindrar samverkan,\n"
        "- tar fram kriterier för när samordnade rehabiliteringsinsatser ska avslutas, och\n"
        "- hjälper de lokala samverkansgrupperna att beskriva behoven när rehabilitering i samverkan ska "
        "utvecklas.\n\n"
        "# Utbildning\n\n"
        "Allt utvecklingsarbete kräver utbildning, och så långt det går ska deltagare från olika verksamheter och "
        "myndigheter utbildas tillsammans.\n\n"
        "Utbildningen ska ge de anställda djupare kunskap om vad arbetsförmåga är och göra det lättare för "
        "medborgare utan arbetsförmåga att få tillbaka den helt eller delvis. Aktörerna talar om arbetslinjen, "
        "men ingen gemensam definition av den finns. Utbildningen börjar under 2007 och väntas pågå länge.\n\n"
        "Insatserna ska utgå från att\n\n"
        "- rehabiliteringen i Sörmland ska förbättra medborgarnas arbetsförmåga och ge goda möjligheter till "
        "egen försörjning,\n"
        "- de anställda inom rehabiliteringsområdet ska få större kunskap om begreppet arbetsförmåga,\n"
        "- strukturer och flöden av ärenden mellan verksamheter och myndigheter ska beskrivas och utvecklas, så "
        "att nödvändig rehabilitering blir lättare att få,\n"
        "- arbetet först sker regionalt och sedan steg för steg lokalt, där de lokala samverkansgrupperna har en "
        "aktiv roll, och\n"
        "- insatserna samordnas med det som berörda myndigheter gör nationellt.\n\n"
        "# Tidiga och förebyggande insatser\n\n"
        "Alla är överens om att tidiga och förebyggande insatser är värdefulla, inte minst för unga. Insatserna "
        "kan riktas i första hand till utsatta grupper och i andra hand till enskilda.\n\n"
        "# Statistiska underlag\n\n"
        "Statistik och indikatorer tas fram med stöd av landstinget, Försäkringskassan, Länsarbetsnämnden och "
        "kommunerna. Förbundet sammanställer\n\n"
        "- försörjningsmåttet för länet och för varje kommun, varje halvår (utbetald ersättning i kronor per "
        "invånare i arbetsför ålder, 16–64 år, och dag),\n"
        "- de indikatorer och nyckeltal som har tagits fram, varje halvår, och\n"
        "- resultaten i SUS, löpande.",
    ),
    (
        "Befintliga projekt",
        BLOCK,
        "projects",
        "",
        "Projekten beslutades senast den 31 oktober 2006 och pågår alla under 2007. Belopp i tusental kronor.",
    ),
    (
        "Kommunikation och information",
        TEXT,
        "",
        "",
        "Öppenhet och insyn ska prägla förbundet, och medlemmarna och omvärlden ska fortlöpande få veta vad RAR "
        "gör. Informationen ska också ge de anställda mer kunskap om förbundets roll och uppdrag och göra det "
        "dagliga arbetet lättare, till exempel när förslag bereds och viktiga arbetsområden ska hittas. "
        "Förbundschefen har huvudansvaret för informationen och för att bevaka omvärlden.\n\n"
        "- Förbundschefen informerar förbundsstyrelsen och beredningsgruppen och för information vidare mellan "
        "medlemmarna.\n"
        "- Beredningsgruppens ledamöter informerar berörd personal i den egna organisationen och berättar för "
        "beredningsgruppen om viktiga händelser där.\n"
        "- Styrelseledamöterna informerar de förtroendevalda i den egna organisationen.\n"
        "- Information går ut på hemsidan och direkt till beredningsgruppen och förbundsstyrelsen, och ett "
        "informationsbrev läggs ut på hemsidan varje kvartal.\n"
        "- Kansliet kan hjälpa både förbundsstyrelsen och beredningsgruppen med information.\n"
        "- De lokala samverkansgrupperna får information riktad särskilt till dem.",
    ),
    (
        "Budget",
        BLOCK,
        "member_fees",
        "2007, 2008",
        "# Intäkter\n\n"
        "Kommunernas andelar för 2007 och 2008 är preliminära; de slutliga bygger på antalet invånare i åldern "
        "16–64 år den 1 november. Intäkterna för 2009 beräknas preliminärt till 15 mkr.\n\n"
        "Överskott som motsvarar förbundets åtaganden reserveras i bokslutet; något annat överskott ska inte "
        "uppstå.",
    ),
    ("Kostnader", BLOCK, "budget", "", "Kostnadsbudget för 2007, i tusental kronor."),
    (
        "Uppföljning och utvärdering",
        TEXT,
        "",
        "",
        "RAR:s insatser ska följas upp och utvärderas:\n\n"
        "- Alla insatser följs upp i det nationella uppföljningssystemet SUS; annan uppföljning och utvärdering "
        "kan läggas till.\n"
        "- Kansliet stöder projekten i den utvärdering de behöver göra.\n"
        "- Förbundet värderar varje år sig självt och redovisar det för styrelsen och medlemmarna.\n"
        "- Indikatorer och nyckeltal tas fram och förankras hos de verksamheter som berörs, och förbundet hjälper "
        "de lokala samverkansgrupperna att analysera dem.\n"
        "- Det utvärderas vad samordningsförbundet betyder för hur samverkan utvecklas.",
    ),
]

LANDSKRONA_2009_2010 = [
    (
        "Inledning",
        TEXT,
        "",
        "",
        "Samordningsförbundet Landskrona-Svalöv bildades den 1 september 2009 av Landskrona stad, Svalövs "
        "kommun, Arbetsförmedlingen, Försäkringskassan och Region Skåne. Förbundet är en egen juridisk person "
        "enligt lagen (2003:1210) om finansiell samordning inom rehabiliteringsområdet, och ett kommunalförbund "
        "med organisationsnummer 222000-2733. Kommunallagen och lagen om kommunal redovisning gäller för "
        "verksamheten där de är tillämpliga.",
    ),
    (
        "Övergripande mål, syfte och centrala begrepp",
        TEXT,
        "",
        "",
        "Finansiell samordning inom rehabiliteringsområdet har som *övergripande mål* att samhällets resurser "
        "används så att de gör mest nytta för både den enskilde och samhället.\n\n"
        "Samordningen syftar till att\n\n"
        "- den enskilde når eller förbättrar sin förmåga att förvärvsarbeta, och\n"
        "- resurserna används effektivt.\n\n"
        "De centrala begreppen är rehabilitering och samordning. Med rehabilitering menas alla åtgärder, "
        "medicinska, sociala, psykologiska och arbetslivsinriktade, som hjälper en människa att återfå sin "
        "funktionsförmåga och leva ett normalt liv.\n\n"
        "Det som samordnas hör till parternas egna ansvarsområden och ska återställa eller öka den enskildes "
        "funktions- och arbetsförmåga. Arbetssätten ska göra det lätt för den enskilde att själv vara aktiv och "
        "ta ansvar så långt det går. Ingen part förlorar sitt ordinarie uppdrag genom samordningen. Det mesta av "
        "pengarna ska gå till insatser för individer, men också utveckling som utbildningar och konferenser kan "
        "finansieras.",
    ),
    (
        "Samordningsförbundets uppgifter",
        TEXT,
        "",
        "",
        "Förbundet ska\n\n"
        "1. besluta om mål och riktlinjer,\n"
        "2. stödja samverkan mellan parterna,\n"
        "3. finansiera insatser för individer som behöver samordnade rehabiliteringsinsatser,\n"
        "4. besluta hur de medel som finns för den finansiella samordningen ska användas,\n"
        "5. ansvara för att rehabiliteringsinsatserna följs upp och utvärderas, och\n"
        "6. ansvara för att budget och årsredovisning upprättas.",
    ),
    (
        "Målgrupper",
        TEXT,
        "",
        "",
        "De lokala samverkansgrupperna har i sina första samtal pekat ut fyra grupper som särskilt viktiga för "
        "gemensamma insatser genom förbundet:\n\n"
        "1. unga vuxna som står utanför arbetsmarknaden, riskerar att bli arbetslösa eller är sjukskrivna,\n"
        "2. personer med psykosociala problem,\n"
        "3. personer som på grund av funktionshinder eller av andra skäl har svårt att få fäste på den svenska "
        "arbetsmarknaden, och\n"
        "4. långtidssjukskrivna som vid årsskiftet lämnar sjukförsäkringen.",
    ),
    (
        "Inriktning i samverkansarbetet",
        TEXT,
        "",
        "",
        "Förbundet finansierar i första hand insatser under begränsad tid, högst tre år; efter en ny framställan "
        "kan frågan prövas igen. En insats som visar sig bra i utvärderingen väntas sedan drivas av en eller "
        "flera medlemmar i den ordinarie verksamheten. Varje år redovisas resultaten i en verksamhetsberättelse, "
        "så att insatserna kan bedömas fortlöpande.\n\n"
        "Arbetet ska vara ett nytt sätt att arbeta och samarbeta, inte mer av det som redan finns. FINSAM ger "
        "möjlighet att se förbi varje aktörs eget uppdrag, mål och gränser och i stället utgå från vad den "
        "enskilde behöver och från samhällets helhet. Insatserna bör bygga på människors egen styrka och ge dem "
        "redskap att själva hantera sin situation. Hinder i regelverken som samarbetet upptäcker rapporteras till "
        "de huvudmän och uppdragsgivare som berörs.\n\n"
        "Varje insats ska passa både kvinnors och mäns förutsättningar.",
    ),
    (
        "Organisation",
        TEXT,
        "",
        "",
        "En styrelse leder förbundet. Var och en av kommunerna, Arbetsförmedlingen, Försäkringskassan och Region "
        "Skåne har en ledamot och en ersättare i den, och styrelsen väljer själv ordförande och vice ordförande.\n\n"
        "Sedan våren 2009 finns en beredningsgrupp med en tjänsteman från varje medlem. Den dagliga "
        "verksamheten leds av en förbundssamordnare som arbetar heltid.",
    ),
    ("Styrelseledamöter år 2009", BLOCK, "board", "2009", ""),
    (
        "Verksamhet under 2009",
        TEXT,
        "",
        "",
        "# Inledning\n\n"
        "År 2009 har handlat om att bygga upp samverkan: behoven och de projekt som redan finns har "
        "inventerats, och nya projekt och verksamheter har diskuterats.\n\n"
        "# Kansli\n\n"
        "En förbundssamordnare på heltid sköter under 2009 förbundets löpande uppgifter. Under 2010 flyttas "
        "tyngdpunkten i arbetet från att bygga upp administrationen till en mer operativ och utåtriktad roll.\n\n"
        "# Åtgärder/insatser\n\n"
        "Målet för 2009 är att tre projekt kommer i gång.\n\n"
        "I varje projekt som ska hjälpa enskilda att få, förbättra eller behålla sin arbetsförmåga ska samhällets "
        "minskade kostnader för försörjning vara minst lika stora som vad projektet kostar.\n\n"
        "Förbundssamordnaren följer varje projekt och har en löpande dialog med projektledningen, så att "
        "förbundets mål nås.\n\n"
        "# Information/Marknadsföring\n\n"
        "Informationen ska utvecklas så att politiker och tjänstemän hos medlemmarna vet vad förbundet ska göra, "
        "vilken verksamhet som finns och vem som driver den. Också omvärlden ska fortlöpande kunna följa "
        "verksamheten, och genom olika medier ska den nå en bredare allmänhet. Under 2009 har det varit viktigt "
        "att sprida kunskap om förbundet och dess projekt.\n\n"
        "# Kompetensutveckling\n\n"
        "Under 2009 har förbundet varit med på\n\n"
        "1. en utbildning om FINSAM-verksamheten,\n"
        "2. två regionala nätverksmöten,\n"
        "3. en nationell nätverkskonferens,\n"
        "4. Ungdomsstyrelsens rikskonferens, där förbundssamordnaren deltog och där ungas arbetslöshet stod i "
        "centrum i år, och\n"
        "5. ett studiebesök hos SF Delta och de sociala företagen i Göteborg, där förbundssamordnaren och "
        "företrädare för beredningsgruppen deltog.\n\n"
        "Förbundssamordnaren håller arbetsgrupperna underrättade om pågående projekt och om vad andra "
        "samordningsförbund gör.\n\n"
        "Förbundet har haft fyra sammanträden under 2009, och beredningsgruppen lika många.",
    ),
    (
        "Uppföljning/utvärdering",
        TEXT,
        "",
        "",
        "Den finansiella samordningen följs upp och utvärderas från flera håll, med tonvikt på vad den betyder "
        "för individen, organisationerna och samhället. Den nationella utvärderingen gör Statskontoret på "
        "regeringens uppdrag.\n\n"
        "Varje insats eller projekt som förbundet finansierar följs upp, och så långt det går beskrivs "
        "resultaten som minskat bidragsberoende, sysselsättning och upplevd hälsa. Det nationella systemet för "
        "uppföljning av samverkan (SUS) används. Dessutom redovisar och kommenterar varje projekt varje år sina "
        "resultat i mätningen, beskriver hur projektet har genomförts och vad som har hindrat och hjälpt.\n\n"
        "Förbundet ska också välja en modell för utvärdering som söker sambanden mellan insatser och resultat och "
        "värderar vad samverkan betyder.",
    ),
    (
        "Budget 2009 (september–december)",
        BLOCK,
        "budget",
        "2009",
        "Budgeten för förbundets första månader, i tusental kronor.",
    ),
    (
        "Verksamheten 2010",
        TEXT,
        "",
        "",
        "# Projektverksamhet\n\n"
        "Under 2009 har förbundet fått två projektansökningar och tre idéer till projekt. Målet för 2010 är att "
        "de blir etablerade och är i gång under året.\n\n"
        "# Projektansökan\n\n"
        "- Utbildning för deltagarna i projektet Socialt företagande inom fastighetsskötsel (Centrum och "
        "Österlyftet)\n"
        "- Utveckling av resursteamen på vårdcentralerna\n\n"
        "# Projektidé\n\n"
        "- Arbetslivsingången\n"
        "- Modeller och metoder för att tidigt bedöma arbetsförmågan, AME (mottagningsgrupp)\n"
        "- Finsamteamet och utredningsenheterna\n\n"
        "# Konferenser och kompetensutveckling\n\n"
        "Förbundssamordnaren och styrelsen deltar i SKL:s seminarier om FINSAM-verksamheten i landet och i den "
        "nationella nätverkskonferensen i Malmö i april 2010. Förbundet vill också erbjuda projektledarna och "
        "coacherna i projekten kompetensutveckling och nätverksträffar.",
    ),
    (
        "Budget 2010",
        BLOCK,
        "budget",
        "2010",
        "Budgeten för 2010 utgår från den preliminära tilldelningen från Försäkringskassan och förbundets "
        "preliminära saldo för 2009. Det som inte används av 2009 års medel förs över till 2010.\n\n"
        "Ohälsotalen är höga i Landskrona stad och Svalövs kommun, och förbundet vill därför använda alla medel "
        "det har för att så snart som möjligt möta behovet av samordnad rehabilitering.\n\n"
        "I början av 2010 revideras budgeten med det belopp som faktiskt har tilldelats och kompletteras med en "
        "detaljbudget för aktiviteter och åtgärder. Belopp i tusental kronor.",
    ),
]

# Headings earlier versions of the demo gave these plans; a draft plan loses them so that it is the source's.
RETIRED = {
    (RAR, 2023): ["Verksamhet och inriktning", "Insatser 2023", "Årsprocess", "Budget 2023"],
    (RAR, 2007): ["Medlemsinsatser", "Budget 2007"],
    (LANDSKRONA_SVALOV, 2010): ["Styrelse"],
}

# RAR's report for 2023. No source report exists: the text is the product's own, from the facts of the 2023 plan,
# and every figure of the year (participants, goal attainment, the economic outcome) is example data and says so.
RAR_REPORT_2023 = [
    (
        "Inledning",
        TEXT,
        "",
        "",
        "Verksamhetsberättelsen redovisar vad Samordningsförbundet RAR i Sörmland gjorde under 2023 och ställer "
        "årets utfall mot verksamhetsplanen och budgeten för samma år. Texterna skriver kansliet; tabellerna "
        "räknas fram ur de uppgifter som är registrerade om insatserna, uppföljningen och ekonomin.\n\n"
        "**Exempel:** detta är en demonstration. Deltagarsiffrorna, måluppfyllelsen och det ekonomiska utfallet "
        "för 2023 är påhittade exempeldata och märkta så i tabellerna; de är inga resultat.",
    ),
    (
        "Verksamhetens inriktning",
        TEXT,
        "",
        "",
        "Förbundet arbetade under året efter mål- och inriktningsplanen 2022–2026: tre fjärdedelar av pengarna "
        "till långsiktiga insatser som omfattar hela länet, en fjärdedel till kortare lokala insatser.\n\n"
        "Medlemmarna är Arbetsförmedlingen, Försäkringskassan, Region Sörmland och de nio kommunerna i länet. "
        "Styrelsen sammanträdde fyra gånger, och de lokala samverkansgrupperna i norra, södra och västra länet "
        "var forum för parternas samverkan.",
    ),
    (
        "Insatser under året",
        BLOCK,
        "funded_projects",
        "",
        "Tabellen visar varje insats med de medel styrelsen beviljade för 2023 och, när rekvisitionerna är "
        "registrerade, vad insatsen har rekvirerat.",
    ),
    (
        "Måluppfyllelse",
        BLOCK,
        "attainment",
        "",
        "Resultatmålen i planen för 2023 ställs mot årets utfall.",
    ),
    (
        "Deltagare",
        BLOCK,
        "participants",
        "",
        "Deltagarna redovisas efter kön. Varje person räknas en gång under året.",
    ),
    (
        "Ekonomiskt utfall",
        BLOCK,
        "outcome",
        "",
        "Budgeten för 2023 rad för rad mot utfallet, med avvikelsen.",
    ),
]

CYCLE_2023 = [
    ("Mars", "Styrelsen beslutar om årsredovisningen"),
    ("Mars–april", "Medlemsmöte med genomgång av årsredovisningen"),
    ("April–maj", "Begäran om budget för nästa år skickas till medlemmarna"),
    ("September", "Kansliet tar fram förslag till verksamhetsplan och budget"),
    ("Oktober", "Medlemsmöte om verksamhetsplan och budget"),
    ("November", "Styrelsen beslutar om verksamhetsplan och budget"),
]

# Risks an earlier demo made up for RAR 2023's risk section, which the source gives in words only: a draft plan
# loses them so that no invented likelihoods and consequences pass for the association's own.
INVENTED_RISKS_2023 = [
    "Beslut om insatser fattas utanför styrelsens ramar",
    "Felaktig finansiell rapportering",
    "Insatser rekvirerar mindre än beviljat och medel blir liggande",
    "Lagar och riktlinjer följs inte",
]


def load(associations, stdout=None) -> None:
    rar, landskrona = associations[RAR], associations[LANDSKRONA_SVALOV]
    plan_2023 = _plan(rar, 2023, "Verksamhetsplan och budget 2023", "", RAR_2023)
    if not plan_2023.is_adopted:
        for position, (when, what) in enumerate(CYCLE_2023, start=1):
            ensure(CycleItem, {"plan": plan_2023, "when": when}, {"what": what, "position": position * 10})
        plan_2023.risk_items.filter(risk__in=INVENTED_RISKS_2023).delete()
    # The source gives only the revised plan (2010-01-13): one adopted version carrying the revision note.
    rar_2010 = _plan(rar, 2010, "Verksamhetsplan RAR 2010", "RAR09-19", RAR_2010)
    if not rar_2010.versions.exists():
        rar_2010.revised_on = datetime.date(2010, 1, 13)
        rar_2010.revision_reason = "utifrån förändrad budget 2010"
        rar_2010.save()
        adopt_plan(plan=rar_2010, adopted_on=datetime.date(2010, 1, 13), reference="RAR09-19")
    _plan(rar, 2006, "Verksamhetsplan 2005/2006", "", RAR_2006)
    _plan(rar, 2007, "Verksamhetsplan 2007", "", RAR_2007)
    _plan(landskrona, 2010, "Verksamhetsplan och budget 2009–2010", "", LANDSKRONA_2009_2010)
    _plan(rar, 2023, "Verksamhetsberättelse 2023", "", RAR_REPORT_2023, kind=PlanKind.REPORT)


def _plan(association, year, title, reference, sections, kind=PlanKind.PLAN) -> Plan:
    plan = Plan.objects.filter(association=association, year=year, kind=kind).first()
    if plan is not None and (plan.is_adopted or plan.versions.exists()):
        return plan  # adopted: a document of record from here on
    plan = ensure(
        Plan,
        {"association": association, "year": year, "kind": kind},
        {"title": title, "reference": reference},
    )
    retired = RETIRED.get((association.slug, year), []) if kind == PlanKind.PLAN else []
    for section in plan.sections.filter(heading__in=retired):
        section.delete()
    for position, (heading, kind, block, years, body) in enumerate(sections, start=1):
        ensure(
            Section,
            {"plan": plan, "heading": heading},
            {"kind": kind, "block": block, "block_years": years, "body": body, "position": position * 10},
        )
    return plan
