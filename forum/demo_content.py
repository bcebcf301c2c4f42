"""Demo questions and answers for trying MIPAS: general information, in lt, en and ru.

Pure data, loaded by the demo loader; nothing here touches the database. The answers give
general, cautious information about Lithuanian rules as they stood when this was written
and always point to the institution that publishes the current rules. They are not legal
advice, and the people in them are invented.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoPerson:
    key: str  # "member", "expert", "moderator", "admin", or one of EXTRA_MEMBERS
    email: str  # <something>@mipas.example
    display_name: str
    language: str  # "lt" | "en" | "ru"


@dataclass(frozen=True)
class DemoAnswer:
    author: str  # a DemoPerson key; the asker never answers their own question
    body: str  # Markdown
    accepted: bool = False
    days_after: int = 0  # days after the question was asked


@dataclass(frozen=True)
class DemoQuestion:
    topic: str  # a topic slug
    language: str  # "lt" | "en" | "ru": the language of the question and its answers
    title: str  # 15-150 characters
    body: str  # Markdown, without personal data
    asker: str  # a DemoPerson key (members only)
    tags: tuple[str, ...]  # 1-5 lowercase tags in the question's language
    days_ago: int  # 1-120
    anonymous: bool = False
    answers: tuple[DemoAnswer, ...] = ()


# The demo accounts created by app/demo.py; questions and answers refer to them by these keys.
BASE_PERSON_KEYS: tuple[str, ...] = ("member", "expert", "moderator", "admin")

# More members, so that threads are not all one person's. Countries are noted for the reader.
EXTRA_MEMBERS: tuple[DemoPerson, ...] = (
    DemoPerson("oksana", "oksana@mipas.example", "Oksana K.", "lt"),  # Ukraine
    DemoPerson("siarhei", "siarhei@mipas.example", "Siarhei B.", "lt"),  # Belarus
    DemoPerson("elvin", "elvin@mipas.example", "Elvin M.", "lt"),  # Azerbaijan
    DemoPerson("aisha", "aisha@mipas.example", "Aisha O.", "en"),  # Nigeria
    DemoPerson("priya", "priya@mipas.example", "Priya N.", "en"),  # India
    DemoPerson("mehmet", "mehmet@mipas.example", "Mehmet Y.", "en"),  # Turkey
    DemoPerson("jasur", "jasur@mipas.example", "Жасур Т.", "ru"),  # Uzbekistan
    DemoPerson("aigerim", "aigerim@mipas.example", "Айгерим С.", "ru"),  # Kazakhstan
)

QUESTIONS: tuple[DemoQuestion, ...] = (
    # ---- Lithuanian ----
    DemoQuestion(
        topic="residence-permits",
        language="lt",
        title=(
            "Kada pateikti prašymą pakeisti leidimą laikinai gyventi, kai jo galiojimas baigiasi?"
        ),
        body=(
            "Mano leidimas laikinai gyventi (dirbu pagal darbo sutartį) po kelių mėnesių baigs "
            "galioti. Girdėjau, kad prašymą reikia pateikti iš anksto, bet draugai mini skirtingus "
            "terminus. Ar prašymą teikti per MIGRIS, ar reikia eiti į Migracijos departamentą? Ir "
            "ar galėsiu toliau dirbti, kol prašymas bus nagrinėjamas?"
        ),
        asker="siarhei",
        tags=("tlk", "pratęsimas", "migris"),
        days_ago=64,
        answers=(
            DemoAnswer(
                author="expert",
                body=(
                    "Ačiū už klausimą – jis vienas dažniausių. Bendrais bruožais procesas atrodo "
                    "taip:\n\n"
                    "- **Prašymas teikiamas per MIGRIS** – Migracijos departamento elektroninę "
                    "sistemą: užpildote prašymą, įkeliate dokumentus ir užsiregistruojate "
                    "vizitui.\n"
                    "- **Terminas.** Prašymą reikia pateikti gerokai prieš baigiantis dabartinio "
                    "leidimo galiojimui – paprastai ne vėliau kaip likus dviem mėnesiams. Tikslų "
                    "terminą savo atveju pasitikrinkite MIGRIS sistemoje, nes taisyklės keičiasi.\n"
                    "- **Vizitas.** Į Migracijos departamento aptarnavimo padalinį dažniausiai "
                    "reikia atvykti asmeniškai – pateikti dokumentų originalus ir biometrinius "
                    "duomenis.\n"
                    "- **Darbdavio vaidmuo.** Jei leidimas išduotas dėl darbo, darbdavys paprastai "
                    "turi patvirtinti, kad darbo santykiai tęsiasi; kai kuriais atvejais reikia ir "
                    "naujo Užimtumo tarnybos sprendimo.\n"
                    "- **Valstybės rinkliava** sumokama prieš pateikiant prašymą; jos dydį rasite "
                    "MIGRIS sistemoje.\n\n"
                    "Jei prašymą pateikėte laiku, o sprendimas dar nepriimtas, paprastai galite "
                    "teisėtai likti Lietuvoje iki sprendimo. Ar tuo metu galite toliau dirbti, "
                    "priklauso nuo jūsų situacijos, todėl tai verta kartu su darbdaviu "
                    "pasitikslinti Migracijos departamente. Naujausią informaciją visada rasite "
                    "Migracijos departamento svetainėje ir MIGRIS sistemoje."
                ),
                accepted=True,
                days_after=1,
            ),
            DemoAnswer(
                author="elvin",
                body=(
                    "Pernai TLK keičiau per MIGRIS. Patarimas: užsiregistruokite vizitui iš karto, "
                    "kai tik pateikiate prašymą, nes Vilniuje laisvo laiko kartais tenka laukti "
                    "kelias savaites. Pasiimkite pasą, dabartinę leidimo kortelę ir darbdavio "
                    "pažymą."
                ),
                days_after=3,
            ),
        ),
    ),
    DemoQuestion(
        topic="residence-permits",
        language="lt",
        title="Kokius egzaminus reikia išlaikyti norint gauti leidimą nuolat gyventi?",
        body=(
            "Lietuvoje su leidimu laikinai gyventi gyvenu jau beveik penkerius metus ir norėčiau "
            "prašyti leidimo nuolat gyventi. Girdėjau, kad reikia laikyti lietuvių kalbos ir "
            "Konstitucijos egzaminus. Kokio lygio kalbos žinių reikia ir kur šie egzaminai laikomi?"
        ),
        asker="siarhei",
        tags=("lng", "egzaminas", "konstitucija", "a2"),
        days_ago=95,
        answers=(
            DemoAnswer(
                author="expert",
                body=(
                    "Leidimą nuolat gyventi paprastai galima gauti, kai Lietuvoje teisėtai ir "
                    "nepertraukiamai gyvenote penkerius metus su leidimu laikinai gyventi (kai "
                    "kurioms kategorijoms taikomos išimtys). Pagrindiniai reikalavimai:\n\n"
                    "1. **Valstybinės kalbos egzaminas** – lietuvių kalbą reikia mokėti ne "
                    "žemesniu kaip A2 lygiu (tai pirmoji valstybinės kalbos mokėjimo kategorija).\n"
                    "2. **Lietuvos Respublikos Konstitucijos pagrindų egzaminas** – klausimai apie "
                    "valstybės santvarką, žmogaus ir piliečio teises bei pareigas.\n"
                    "3. **Teisėtas pragyvenimo šaltinis** ir **sveikatos draudimas**.\n\n"
                    "Egzaminus organizuoja Nacionalinė švietimo agentūra (NŠA): jos svetainėje "
                    "skelbiamas sesijų tvarkaraštis, registracijos tvarka ir pavyzdinės užduotys. "
                    "Kai kurie asmenys (pavyzdžiui, dėl amžiaus ar sveikatos būklės) gali būti "
                    "atleisti nuo egzaminų.\n\n"
                    "Prašymas teikiamas per MIGRIS. Prieš teikdami patikrinkite, ar per tuos "
                    "penkerius metus nebuvote išvykę iš Lietuvos ilgiau, nei leidžiama: ilgos "
                    "išvykos gali nutraukti nepertraukiamo gyvenimo laikotarpį. Aktualius "
                    "reikalavimus rasite Migracijos departamento ir NŠA svetainėse."
                ),
                accepted=True,
                days_after=2,
            ),
            DemoAnswer(
                author="elvin",
                body=(
                    "Egzaminus laikiau prieš porą metų. Labai padėjo NŠA svetainėje paskelbtos "
                    "pavyzdinės užduotys ir nemokami kursai savivaldybėje. Konstitucijos egzaminui "
                    "pakako kelis vakarus pasikartoti klausimus – jie nesudėtingi, jei viską "
                    "atidžiai perskaitai."
                ),
                days_after=9,
            ),
        ),
    ),
    DemoQuestion(
        topic="work",
        language="lt",
        title=(
            "Noriu pakeisti darbdavį – ką turi padaryti naujas darbdavys ir ar reikės naujo "
            "leidimo?"
        ),
        body=(
            "Dirbu Lietuvoje su leidimu laikinai gyventi, išduotu dėl darbo pas konkretų darbdavį. "
            "Gavau pasiūlymą iš kitos įmonės su geresnėmis sąlygomis. Ar galiu tiesiog išeiti iš "
            "darbo ir pradėti dirbti naujoje vietoje? Ką turės padaryti naujas darbdavys?"
        ),
        asker="siarhei",
        tags=("darbas", "darbdavio-keitimas", "tlk", "užimtumo-tarnyba"),
        days_ago=40,
        answers=(
            DemoAnswer(
                author="expert",
                body=(
                    "Svarbiausia – **nepradėkite dirbti naujoje vietoje, kol nesutvarkyti "
                    "dokumentai**: darbas be tinkamo pagrindo gali turėti rimtų pasekmių ir jums, "
                    "ir darbdaviui.\n\n"
                    "Paprastai tvarka tokia:\n\n"
                    "- **Naujas darbdavys** kreipiasi į Užimtumo tarnybą dėl sprendimo, kad jūsų "
                    "darbas atitinka Lietuvos darbo rinkos poreikius (arba dėl leidimo dirbti, jei "
                    "jo reikia). Palengvintos sąlygos taikomos, pavyzdžiui, profesijoms, "
                    "įtrauktoms į trūkstamų profesijų sąrašą, ir aukštos kvalifikacijos darbui.\n"
                    "- **Migracijos departamentą** reikia informuoti apie darbdavio pasikeitimą "
                    "per MIGRIS; priklausomai nuo situacijos gali tekti pateikti prašymą pakeisti "
                    "leidimą laikinai gyventi. Pirmaisiais darbo mėnesiais gali būti taikomi "
                    "papildomi darbdavio keitimo apribojimai.\n"
                    "- **Jūs** turėtumėte pasirūpinti, kad tarp dviejų darbų neliktų laikotarpio "
                    "be teisinio pagrindo.\n\n"
                    "Tikslūs žingsniai priklauso nuo to, kokiu pagrindu išduotas jūsų leidimas ir "
                    "kiek laiko jau dirbate. Prieš išeidami iš dabartinio darbo, pasikonsultuokite "
                    "su Migracijos departamentu arba gaukite nemokamą teisinę konsultaciją "
                    "(pavyzdžiui, Lietuvos Raudonajame Kryžiuje). Aktualią informaciją rasite "
                    "Užimtumo tarnybos ir Migracijos departamento svetainėse."
                ),
                days_after=1,
            ),
            DemoAnswer(
                author="moderator",
                body=(
                    "Moderatoriaus pastaba: rašydami forume nenurodykite leidimo numerio ar "
                    "darbdavio pavadinimo – pakanka bendro situacijos aprašymo. Daugiau apie "
                    "leidimo keitimą rasite skyriuje apie leidimus gyventi."
                ),
                days_after=2,
            ),
        ),
    ),
    DemoQuestion(
        topic="housing",
        language="lt",
        title="Kaip deklaruoti gyvenamąją vietą persikrausčius į kitą nuomojamą butą?",
        body=(
            "Prieš dvi savaites persikrausčiau į kitą nuomojamą butą tame pačiame mieste. Buto "
            "savininkė sutinka, kad čia deklaruočiau gyvenamąją vietą. Ar tai galima padaryti "
            "internetu, ar reikia eiti į seniūniją? Ir ar apie naują adresą reikia atskirai "
            "pranešti Migracijos departamentui?"
        ),
        asker="oksana",
        tags=("deklaravimas", "gyvenamoji-vieta", "nuoma"),
        days_ago=30,
        answers=(
            DemoAnswer(
                author="elvin",
                body=(
                    "Aš deklaravau per Elektroninius valdžios vartus (epaslaugos.lt), prisijungęs "
                    "per elektroninę bankininkystę. Pateikus prašymą, savininkui atėjo pranešimas, "
                    "ir jis internetu patvirtino sutikimą. Viskas užtruko kelias dienas, į "
                    "seniūniją eiti nereikėjo."
                ),
                accepted=True,
                days_after=1,
            ),
            DemoAnswer(
                author="expert",
                body=(
                    "Papildysiu Elvino atsakymą:\n\n"
                    "- Gyvenamąją vietą reikia deklaruoti **per vieną mėnesį** nuo persikėlimo.\n"
                    "- Tai galima padaryti **internetu per Elektroninius valdžios vartus** arba "
                    "**seniūnijoje** (kai kuriuose miestuose – ir savivaldybės klientų aptarnavimo "
                    "skyriuje).\n"
                    "- Jei nesate būsto savininkė, reikia **savininko sutikimo** – jį galima "
                    "pateikti elektroniniu būdu arba raštu.\n"
                    "- Užsieniečiams svarbu, kad ir Migracijos departamentas žinotų teisingą "
                    "adresą: patikrinkite savo duomenis MIGRIS sistemoje ir, jei reikia, "
                    "praneškite apie pasikeitimą.\n\n"
                    "Deklaruota gyvenamoji vieta svarbi ne tik formaliai: nuo jos gali priklausyti "
                    "socialinė parama, vaiko priėmimas į mokyklą ar darželį ir prisirašymas prie "
                    "poliklinikos. Tvarka kartais keičiasi, todėl aktualią informaciją "
                    "pasitikrinkite savo savivaldybės ar seniūnijos svetainėje."
                ),
                days_after=2,
            ),
        ),
    ),
    DemoQuestion(
        topic="citizenship",
        language="lt",
        title="Kiek metų reikia gyventi Lietuvoje, kad galėčiau prašyti pilietybės?",
        body=(
            "Lietuvoje gyvenu jau aštuonerius metus, dabar turiu leidimą nuolat gyventi. Ateityje "
            "norėčiau tapti Lietuvos piliečiu. Kokios yra pagrindinės sąlygos ir ar turėsiu "
            "atsisakyti dabartinės pilietybės?"
        ),
        asker="elvin",
        tags=("pilietybė", "natūralizacija", "dviguba-pilietybė"),
        days_ago=110,
        answers=(
            DemoAnswer(
                author="expert",
                body=(
                    "Norint gauti Lietuvos pilietybę natūralizacijos tvarka, paprastai reikia "
                    "atitikti šias sąlygas:\n\n"
                    "- **Gyvenimo laikotarpis** – paprastai paskutinius 10 metų teisėtai nuolat "
                    "gyventi Lietuvoje ir prašymo pateikimo metu turėti leidimą nuolat gyventi "
                    "(kai kuriems asmenims, pavyzdžiui, Lietuvos piliečių sutuoktiniams, gali būti "
                    "taikomos kitokios sąlygos).\n"
                    "- **Egzaminai** – valstybinės kalbos ir Lietuvos Respublikos Konstitucijos "
                    "pagrindų. Juos organizuoja Nacionalinė švietimo agentūra.\n"
                    "- **Teisėtas pragyvenimo šaltinis**.\n"
                    "- **Priesaika** Lietuvos valstybei.\n\n"
                    "Dėl dvigubos pilietybės: Lietuvoje ji leidžiama tik išimtiniais atvejais. "
                    "Natūralizacijos būdu pilietybę gaunantis asmuo paprastai turi atsisakyti "
                    "kitos valstybės pilietybės – išimčių nedaug ir jos siauros (pavyzdžiui, "
                    "pabėgėliams).\n\n"
                    "Prašymus priima Migracijos departamentas, o sprendimą dėl pilietybės "
                    "suteikimo priima Respublikos Prezidentas. Prieš planuodami pasitikrinkite "
                    "aktualius reikalavimus Migracijos departamento svetainėje, nes pilietybės "
                    "klausimai pastaraisiais metais buvo aktyviai svarstomi."
                ),
                days_after=3,
            ),
        ),
    ),
    DemoQuestion(
        topic="language-learning",
        language="lt",
        title="Kur Kaune suaugusieji gali nemokamai mokytis lietuvių kalbos?",
        body=(
            "Esu iš Ukrainos, Lietuvoje gyvenu turėdama laikinąją apsaugą. Šiek tiek suprantu "
            "lietuviškai, bet norėčiau mokytis sistemingai, nes noriu rasti darbą pagal "
            "specialybę. Gal kas žino nemokamų kursų Kaune, geriausia vakarais?"
        ),
        asker="oksana",
        tags=("lietuvių-kalba", "kursai", "kaunas"),
        days_ago=21,
        answers=(
            DemoAnswer(
                author="siarhei",
                body=(
                    "Aš lankiau nemokamus kursus, kuriuos organizavo savivaldybė kartu su "
                    "nevyriausybine organizacija, – apie juos sužinojau savivaldybės svetainėje. "
                    "Verta paklausti ir Užimtumo tarnyboje: užsiregistravusiems darbo ieškantiems "
                    "ji kartais apmoka kalbos mokymus. Grupės greitai užsipildo, tad "
                    "registruokitės iš anksto."
                ),
                accepted=True,
                days_after=1,
            ),
            DemoAnswer(
                author="expert",
                body=(
                    "Keletas vietų, kur verta ieškoti:\n\n"
                    "- **Savivaldybė ir jos integracijos projektai** – didieji miestai, tarp jų ir "
                    "Kaunas, dažnai organizuoja nemokamus kursus užsieniečiams.\n"
                    "- **Užimtumo tarnyba** – užsiregistravusiems darbo ieškantiems asmenims gali "
                    "būti pasiūlyti lietuvių kalbos mokymai.\n"
                    "- **Nevyriausybinės ir tarptautinės organizacijos** (pavyzdžiui, Lietuvos "
                    "Raudonasis Kryžius, „Caritas“, Tarptautinė migracijos organizacija) – jų "
                    "projektuose dažnai būna kalbos kursų.\n"
                    "- **Universitetai** kartais siūlo kursus bendruomenei – nemokamai arba už "
                    "nedidelį mokestį.\n\n"
                    "Kursų pasiūla keičiasi kiekvieną semestrą, todėl sekite aktualius skelbimus "
                    "savivaldybės ir organizacijų svetainėse."
                ),
                days_after=2,
            ),
        ),
    ),
    DemoQuestion(
        topic="education",
        language="lt",
        title="Kaip Lietuvoje pripažinti užsienyje įgytą bakalauro diplomą?",
        body=(
            "Bakalauro studijas baigiau Azerbaidžane, o dabar norėčiau studijuoti magistrantūroje "
            "Vilniuje arba dirbti pagal specialybę. Darbdavys paprašė diplomo pripažinimo "
            "dokumento. Kur kreiptis ir kiek laiko tai užtrunka?"
        ),
        asker="elvin",
        tags=("diplomas", "pripažinimas", "skvc"),
        days_ago=75,
        answers=(
            DemoAnswer(
                author="expert",
                body=(
                    "Užsienyje įgytos aukštojo mokslo kvalifikacijos akademinį pripažinimą "
                    "Lietuvoje atlieka **Studijų kokybės vertinimo centras (SKVC)**.\n\n"
                    "- Prašymą galima pateikti **elektroniniu būdu per SKVC e. paslaugas**; "
                    "paprastai reikia diplomo ir jo priedo, jų vertimų ir asmens tapatybės "
                    "dokumento.\n"
                    "- Jei stojate į magistrantūrą, kai kurios aukštosios mokyklos pačios vertina "
                    "užsienio diplomus – pasiteiraukite priėmimo skyriuje, ar jums reikia atskiro "
                    "SKVC sprendimo.\n"
                    "- SKVC taip pat vertina **vidurinio išsilavinimo dokumentus**, jei jų reikia "
                    "stojant į aukštąją mokyklą.\n"
                    "- Jei norite verstis **reglamentuojama profesija** (pavyzdžiui, dirbti "
                    "gydytoju, slaugytoju, mokytoju ar architektu), reikia ir profesinės "
                    "kvalifikacijos pripažinimo – jį atlieka tos srities kompetentinga "
                    "institucija.\n\n"
                    "Vertinimo trukmė priklauso nuo dokumentų ir prašymų skaičiaus, todėl prašymą "
                    "pateikite iš anksto. Tikslius reikalavimus ir terminus rasite SKVC svetainėje "
                    "skvc.lt."
                ),
                accepted=True,
                days_after=2,
            ),
        ),
    ),
    DemoQuestion(
        topic="taxes",
        language="lt",
        title="Ar turiu teikti metinę pajamų deklaraciją, jei dirbu tik pagal darbo sutartį?",
        body=(
            "Lietuvoje dirbu antrus metus, darbdavys kas mėnesį išskaičiuoja mokesčius. Vieni "
            "kolegos sako, kad metinę deklaraciją VMI vis tiek reikia pateikti, kiti – kad "
            "nereikia. Ar tai privaloma ir ar galiu susigrąžinti dalį sumokėto mokesčio?"
        ),
        asker="siarhei",
        tags=("vmi", "deklaracija", "gpm"),
        days_ago=55,
        answers=(
            DemoAnswer(
                author="expert",
                body=(
                    "Jei per metus gavote tik darbo užmokestį iš Lietuvos darbdavio, o šis "
                    "teisingai išskaičiavo gyventojų pajamų mokestį, metinės deklaracijos pateikti "
                    "paprastai **neprivalote**. Tačiau ją pateikti reikia arba verta, kai:\n\n"
                    "- gavote pajamų, nuo kurių mokestis nebuvo išskaičiuotas (pavyzdžiui, iš "
                    "užsienio, iš nuomos, iš individualios veiklos);\n"
                    "- dirbote pas kelis darbdavius ir neapmokestinamasis pajamų dydis galėjo būti "
                    "pritaikytas netinkamai;\n"
                    "- norite susigrąžinti dalį mokesčio už tam tikras išlaidas (pavyzdžiui, už "
                    "studijas ar profesinį mokymą, kai kurias pensijų įmokas).\n\n"
                    "Deklaracija pildoma **Mano VMI** portale; dažnai didžiąją dalį duomenų VMI "
                    "jau būna užpildžiusi. Metinė deklaracija paprastai teikiama iki gegužės 1 d. "
                    "Dėl savo rezidavimo mokesčių tikslais ir konkrečių lengvatų pasitarkite su "
                    "VMI konsultantais, o aktualią informaciją rasite vmi.lt."
                ),
                days_after=4,
            ),
        ),
    ),
    DemoQuestion(
        topic="social-security",
        language="lt",
        title="Ar gausiu motinystės išmoką, jei Lietuvoje dirbu mažiau nei metus?",
        body=(
            "Lietuvoje pagal darbo sutartį dirbu apie devynis mėnesius, o netrukus gims vaikas. "
            "Girdėjau, kad motinystės išmokai gauti reikia tam tikro draudimo stažo. Ar įskaitomas "
            "darbo stažas Ukrainoje? Kur galėčiau pasitikrinti, kas man priklauso?"
        ),
        asker="oksana",
        tags=("sodra", "motinystės-išmoka", "stažas"),
        days_ago=4,
    ),
    DemoQuestion(
        topic="family-reunification",
        language="lt",
        title="Ar skyrybos paveiks leidimą laikinai gyventi, išduotą šeimos susijungimo pagrindu?",
        body=(
            "Mano leidimas laikinai gyventi išduotas šeimos susijungimo pagrindu, nes sutuoktinė "
            "turi leidimą gyventi Lietuvoje. Santykiai labai pablogėjo, ir svarstau skyrybas. "
            "Bijau, kad po skyrybų turėsiu išvykti, nors mūsų vaikas čia lanko mokyklą. Ar yra "
            "galimybių likti Lietuvoje?"
        ),
        asker="elvin",
        tags=("šeimos-susijungimas", "skyrybos", "tlk"),
        days_ago=2,
        anonymous=True,
    ),
    DemoQuestion(
        topic="health-care",
        language="lt",
        title="Kaip prisirašyti prie poliklinikos ir pasirinkti šeimos gydytoją?",
        body=(
            "Neseniai persikėliau į Kauną ir dar neturiu šeimos gydytojo. Dirbu pagal darbo "
            "sutartį, todėl manau, kad esu apdrausta privalomuoju sveikatos draudimu. Ar prie "
            "poliklinikos galima prisirašyti internetu, ar reikia ten nueiti? Ir kaip patikrinti, "
            "ar tikrai esu apdrausta?"
        ),
        asker="oksana",
        tags=("šeimos-gydytojas", "poliklinika", "psd"),
        days_ago=45,
        answers=(
            DemoAnswer(
                author="expert",
                body=(
                    "Gera žinia: polikliniką galite pasirinkti pati – nebūtinai artimiausią.\n\n"
                    "1. **Patikrinkite draudimą.** Ar esate apdrausta privalomuoju sveikatos "
                    "draudimu (PSD), galite pasitikrinti Valstybinės ligonių kasos (VLK) e. "
                    "paslaugose. Dirbantieji pagal darbo sutartį paprastai yra apdrausti, nes "
                    "įmokos išskaičiuojamos iš atlyginimo.\n"
                    "2. **Pasirinkite polikliniką.** Prie daugelio poliklinikų galima prisirašyti "
                    "internetu per elektroninės sveikatos sistemą (e. sveikatą); kitur prašymą "
                    "reikia užpildyti registratūroje.\n"
                    "3. **Pasirinkite šeimos gydytoją.** Prisirašydama galite nurodyti "
                    "pageidaujamą gydytoją, jei jis dar priima naujų pacientų.\n\n"
                    "Jei esate apdrausta PSD, šeimos gydytojo paslaugos jums nemokamos. Aktualią "
                    "tvarką pasitikrinkite VLK svetainėje ir pasirinktos poliklinikos "
                    "informacijoje."
                ),
                days_after=1,
            ),
            DemoAnswer(
                author="siarhei",
                body=(
                    "Aš prisirašiau per e. sveikatą per kelias minutes. Tik turėkite omenyje, kad "
                    "populiariose poliklinikose kai kurie gydytojai naujų pacientų nebepriima – "
                    "tada tenka rinktis kitą gydytoją."
                ),
                days_after=3,
            ),
        ),
    ),
    DemoQuestion(
        topic="asylum",
        language="lt",
        title="Ar prieglobsčio prašytojas gali dirbti, kol nagrinėjamas jo prašymas?",
        body=(
            "Mano artimas žmogus pateikė prieglobsčio prašymą Lietuvoje ir jau kelis mėnesius "
            "laukia sprendimo. Jis nori dirbti ir išlaikyti save pats. Ar prieglobsčio prašytojams "
            "leidžiama dirbti ir ką tam reikia padaryti?"
        ),
        asker="siarhei",
        tags=("prieglobstis", "darbas"),
        days_ago=6,
        anonymous=True,
    ),
    DemoQuestion(
        topic="return",
        language="lt",
        title="Norėčiau grįžti į savo šalį – ar Tarptautinė migracijos organizacija gali padėti?",
        body=(
            "Mano leidimas gyventi nebuvo pratęstas, ir nusprendžiau, kad geriausia grįžti namo. "
            "Neturiu pakankamai pinigų bilietui, o pasas netrukus nebegalios. Girdėjau apie "
            "savanoriško grįžimo programą. Kaip į ją kreiptis ir ar tai turės įtakos galimybei "
            "ateityje vėl atvykti į Lietuvą?"
        ),
        asker="elvin",
        tags=("grįžimas", "tmo", "savanoriškas-grįžimas"),
        days_ago=9,
        anonymous=True,
    ),
    DemoQuestion(
        topic="work",
        language="lt",
        title="Ar Užimtumo tarnyba padeda ieškoti darbo žmonėms, turintiems laikinąją apsaugą?",
        body=(
            "Turiu leidimą laikinai gyventi, išduotą suteikus laikinąją apsaugą. Ar man reikia "
            "atskiro leidimo dirbti? Ir ar galiu užsiregistruoti Užimtumo tarnyboje, kad man "
            "padėtų rasti darbą ar kursus?"
        ),
        asker="oksana",
        tags=("laikinoji-apsauga", "užimtumo-tarnyba", "darbo-paieška"),
        days_ago=80,
        answers=(
            DemoAnswer(
                author="expert",
                body=(
                    "Asmenims, kuriems Lietuvoje suteikta laikinoji apsauga, **atskiro leidimo "
                    "dirbti paprastai nereikia** – galite dirbti pagal darbo sutartį, o darbdavys "
                    "turi įprasta tvarka įforminti darbo santykius ir pranešti apie juos "
                    "„Sodrai“.\n\n"
                    "Užimtumo tarnyboje galite užsiregistruoti kaip darbo ieškanti. Tai gali "
                    "suteikti:\n\n"
                    "- konsultacijas dėl darbo paieškos ir laisvų darbo vietų;\n"
                    "- galimybę dalyvauti profesiniame mokyme ar lietuvių kalbos kursuose;\n"
                    "- kai kuriais atvejais – įdarbinimo subsidiją jus įdarbinančiam "
                    "darbdaviui.\n\n"
                    "Užsiregistruoti galima internetu per Užimtumo tarnybos e. paslaugas arba "
                    "atvykus į klientų aptarnavimo skyrių. Laikinosios apsaugos sąlygos ir "
                    "galiojimo terminai priklauso nuo ES sprendimų, todėl aktualią informaciją "
                    "tikrinkite Užimtumo tarnybos (uzt.lt) ir Migracijos departamento svetainėse."
                ),
                days_after=1,
            ),
        ),
    ),
    # ---- English ----
    DemoQuestion(
        topic="residence-permits",
        language="en",
        title="How early should I apply to renew my TRP, and can I keep working while I wait?",
        body=(
            "My temporary residence permit (for work at an IT company) expires in about three "
            "months. I have read different things online about the deadlines. Do I start the "
            "application in MIGRIS myself, or does my employer do it? And am I allowed to keep "
            "working after the card expires if the decision is not ready yet?"
        ),
        asker="priya",
        tags=("trp", "renewal", "migris"),
        days_ago=38,
        answers=(
            DemoAnswer(
                author="expert",
                body=(
                    "Good that you are planning ahead. In general terms:\n\n"
                    "- **You apply yourself through MIGRIS**, the Migration Department's online "
                    "system: fill in the application, upload the documents, pay the state fee and "
                    "book an appointment. Your employer usually provides supporting documents (for "
                    "example, confirmation that your employment continues), and in some cases a "
                    "new decision from the Employment Service (Užimtumo tarnyba) is needed.\n"
                    "- **Timing:** the application has to be submitted well before the permit "
                    "expires – as a rule at least two months before. Don't leave it to the last "
                    "weeks, because appointment slots can be limited. Check the exact deadline for "
                    "your category in MIGRIS.\n"
                    "- **Appointment:** you will normally need to visit a Migration Department "
                    "service point with your passport and current card and give biometric data.\n"
                    "- **While you wait:** if you applied on time, you can usually stay in "
                    "Lithuania lawfully until the decision. Whether you may keep working after the "
                    "card expires depends on your situation, so check it with the Migration "
                    "Department together with your employer's HR, who are responsible for "
                    "employing you lawfully.\n\n"
                    "The current fee and processing times are published on the Migration "
                    "Department's website and in MIGRIS. They change from time to time, so please "
                    "check there rather than relying on older forum posts."
                ),
                accepted=True,
                days_after=1,
            ),
            DemoAnswer(
                author="aisha",
                body=(
                    "I renewed mine last year. Book the appointment as soon as you submit – in "
                    "Vilnius the earliest slot I could get was several weeks away. Also make sure "
                    "your health insurance and address details in MIGRIS are up to date; they "
                    "asked me about both."
                ),
                days_after=4,
            ),
        ),
    ),
    DemoQuestion(
        topic="work",
        language="en",
        title="Does my new employer need a new Employment Service decision before I switch jobs?",
        body=(
            "I'm a welder from Turkey with a TRP issued for work with my current company. Another "
            "company has offered me a job with better pay. My manager says I just need to resign "
            "and start, but I'm worried about my permit. What exactly has to happen before I can "
            "change employer?"
        ),
        asker="mehmet",
        tags=("work-permit", "change-of-employer", "trp"),
        days_ago=27,
        answers=(
            DemoAnswer(
                author="expert",
                body=(
                    "Your worry is justified – please don't resign and start the new job before "
                    "checking. A TRP issued for work is tied to specific conditions, so a change "
                    "of employer normally involves three parties:\n\n"
                    "1. **The new employer** applies to the Employment Service (Užimtumo tarnyba) "
                    "for a decision that your work meets the needs of the Lithuanian labour market "
                    "(or for a work permit, where one is required). Some cases are simpler – for "
                    "example, occupations on the shortage list or highly qualified work (EU Blue "
                    "Card).\n"
                    "2. **The Migration Department** must be informed of the change through "
                    "MIGRIS. Depending on your situation, you may need to apply for a new or "
                    "amended TRP. During the first months of employment there may be extra "
                    "restrictions on changing employer.\n"
                    "3. **You** should make sure there is no gap without a lawful basis between "
                    "the two jobs.\n\n"
                    "Because the details depend on your permit and how long you have worked, I "
                    "recommend a short consultation with the Migration Department or a free legal "
                    "consultation (the Lithuanian Red Cross offers one) before you sign anything. "
                    "Check the current rules on the Employment Service and Migration Department "
                    "websites."
                ),
                days_after=1,
            ),
            DemoAnswer(
                author="priya",
                body=(
                    "I was in the same situation last year. My new employer's HR handled the "
                    "Employment Service part, and it took a few weeks. Only after the decision "
                    "came did I submit the change in MIGRIS and give notice at my old job. Ask the "
                    "new company whether they have hired foreigners before – if they have, it goes "
                    "much more smoothly."
                ),
                accepted=True,
                days_after=2,
            ),
        ),
    ),
    DemoQuestion(
        topic="health-care",
        language="en",
        title="Am I covered by compulsory health insurance (PSD) while I'm on a TRP for work?",
        body=(
            "When I applied for my TRP I had to buy private health insurance. Now I have an "
            "employment contract and my employer pays social contributions. Am I in the national "
            "health insurance system now, or do I still need private insurance? How can I check?"
        ),
        asker="aisha",
        tags=("psd", "health-insurance", "trp"),
        days_ago=50,
        answers=(
            DemoAnswer(
                author="expert",
                body=(
                    "Good question – the two kinds of insurance are often confused.\n\n"
                    "- **Compulsory health insurance (PSD)** is administered by the National "
                    "Health Insurance Fund (Valstybinė ligonių kasa, VLK). Foreigners with a TRP "
                    "who work in Lithuania under an employment contract are generally covered, "
                    "because health insurance contributions are paid from their salary. Permanent "
                    "residents are covered too (and may have to pay contributions themselves if "
                    "nobody else pays for them).\n"
                    "- **Private health insurance** is usually required when you apply for or "
                    "renew a TRP and are *not* covered by PSD – for example, before you start "
                    "work, or if you are a student or a family member who does not work.\n\n"
                    "You can check your insurance status in VLK's e-services (log in through the "
                    "e-government gateway) or by contacting VLK. If you are covered, you can "
                    "register with a family doctor at a polyclinic and receive state-funded care. "
                    "Coverage can end when your employment ends, so check again whenever your "
                    "situation changes. See VLK's website for the current rules."
                ),
                days_after=2,
            ),
        ),
    ),
    DemoQuestion(
        topic="family-reunification",
        language="en",
        title=(
            "Who can I bring to Lithuania through family reunification, and how long must I live "
            "here first?"
        ),
        body=(
            "I have a TRP for highly qualified work (EU Blue Card). I would like my husband and "
            "our two children to join me, and possibly my mother later. Which family members are "
            "eligible, and is there a minimum period I must have lived in Lithuania before "
            "applying?"
        ),
        asker="priya",
        tags=("family-reunification", "blue-card", "trp"),
        days_ago=70,
        answers=(
            DemoAnswer(
                author="expert",
                body=(
                    "Family reunification is handled by the Migration Department: the application "
                    "goes through MIGRIS, and family members usually submit their documents at a "
                    "Lithuanian embassy or an external service provider abroad.\n\n"
                    "**Who can usually come:**\n"
                    "- your spouse or registered partner;\n"
                    "- your minor children (including adopted children) and, in some cases, your "
                    "spouse's minor children;\n"
                    "- adult children or parents only in narrower cases, for example when they "
                    "depend on you and cannot support themselves.\n\n"
                    "**Lawful residence first:** as a general rule, the person inviting the family "
                    "must have lived lawfully in Lithuania for a certain period (usually two "
                    "years) and hold a permit with a reasonable prospect of long-term residence. "
                    "**There are exceptions**, and EU Blue Card holders are one of the main ones – "
                    "your family can typically apply straight away. Other exceptions include, for "
                    "example, some other highly qualified categories and refugees.\n\n"
                    "You will also need to show suitable housing, sufficient income and health "
                    "insurance for your family members. For your mother, expect a more individual "
                    "assessment. Please check the current list of documents and exceptions on the "
                    "Migration Department's website, and consider a consultation before applying."
                ),
                days_after=2,
            ),
        ),
    ),
    DemoQuestion(
        topic="education",
        language="en",
        title=(
            "How do I get my daughter's Nigerian school certificate recognised for university "
            "admission?"
        ),
        body=(
            "My daughter finished secondary school in Nigeria and now lives with me in Lithuania. "
            "She wants to apply to a bachelor's programme taught in English in Vilnius. Does her "
            "school-leaving certificate need to be recognised first, and who does that?"
        ),
        asker="aisha",
        tags=("skvc", "recognition", "school-certificate", "university"),
        days_ago=33,
        answers=(
            DemoAnswer(
                author="expert",
                body=(
                    "In Lithuania, foreign qualifications that give access to higher education are "
                    "assessed by the **Centre for Quality Assessment in Higher Education (SKVC)**, "
                    "which also handles the recognition of foreign higher education diplomas.\n\n"
                    "A few practical points:\n\n"
                    "- **Ask the university first.** Many universities assess international "
                    "applicants' school certificates themselves as part of admission, or tell you "
                    "exactly which SKVC document they need.\n"
                    "- **If SKVC recognition is needed,** the application is submitted online "
                    "through SKVC's e-services. You usually need the certificate, the results or "
                    "transcript, a translation if they are not in English or Lithuanian, and an "
                    "identity document.\n"
                    "- **Timing:** the assessment can take several weeks, so start well before the "
                    "admission deadline.\n\n"
                    "If your daughter later wants to study in a programme taught in Lithuanian, "
                    "the admission process is different, so check it separately. You will find the "
                    "current requirements on skvc.lt and on the website of the chosen university."
                ),
                days_after=3,
            ),
        ),
    ),
    DemoQuestion(
        topic="asylum",
        language="en",
        title="Where can I apply for asylum in Lithuania, and will I get a free lawyer?",
        body=(
            "I am in Lithuania on a short-stay visa, and I am afraid to go back to my country "
            "because of threats connected to my political activity. I don't know where to submit "
            "an asylum application or what happens after that. Will I be detained, and can I get "
            "legal help without paying?"
        ),
        asker="aisha",
        tags=("asylum", "legal-aid", "refugee"),
        days_ago=14,
        anonymous=True,
        answers=(
            DemoAnswer(
                author="expert",
                body=(
                    "I'm sorry you are in this situation. Here is how the procedure generally "
                    "works – and please get individual advice as soon as possible.\n\n"
                    "**Where to apply:** an asylum application can be made at the border or a "
                    "border checkpoint, to the State Border Guard Service (which also runs the "
                    "Foreigners' Registration Centre, Užsieniečių registracijos centras, in "
                    "Pabradė) or, if you are already inside the country, to the police, who pass "
                    "it on. The application is examined by the Migration Department.\n\n"
                    "**During the procedure you generally have the right to:**\n"
                    "- an interpreter during interviews;\n"
                    "- free state-guaranteed legal aid;\n"
                    "- accommodation (often at the Foreigners' Registration Centre), basic support "
                    "and necessary health care;\n"
                    "- education for children;\n"
                    "- stay in Lithuania until a decision is made.\n\n"
                    "Detention is not automatic: it depends on individual circumstances, and "
                    "restrictions on movement can be challenged in court. If your application is "
                    "rejected, you can appeal, but the deadline is short, so read the decision "
                    "carefully and contact a lawyer immediately.\n\n"
                    "The **Lithuanian Red Cross** provides free legal counselling to asylum "
                    "seekers. Please do not post personal details here; contact the legal "
                    "counsellors directly about your specific case."
                ),
                accepted=True,
                days_after=1,
            ),
            DemoAnswer(
                author="moderator",
                body=(
                    "A note from the moderators: this question is shown as anonymous, and we have "
                    "removed details that could identify the author. If you need urgent help, "
                    "please contact the legal counsellors mentioned above directly rather than "
                    "sharing your story in a public forum."
                ),
                days_after=1,
            ),
        ),
    ),
    DemoQuestion(
        topic="housing",
        language="en",
        title="What should a rental contract in Vilnius include, and should we register it?",
        body=(
            "My wife and I have found a flat to rent in Vilnius. The landlord sent us a short "
            "contract in Lithuanian and wants a deposit of one month's rent plus the first month. "
            "What should we check before signing, and does the contract need to be registered "
            "anywhere?"
        ),
        asker="mehmet",
        tags=("rent", "contract", "deposit"),
        days_ago=60,
        answers=(
            DemoAnswer(
                author="priya",
                body=(
                    "Ask for a version in English or get it translated before signing. Make sure "
                    "it states the deposit and when it is returned, who pays the utilities and how "
                    "much notice each side must give. Take photos of the flat and the meter "
                    "readings on the first day – that saved my deposit when I moved out."
                ),
                days_after=1,
            ),
            DemoAnswer(
                author="expert",
                body=(
                    "Priya's advice is very good. A few more points:\n\n"
                    "- **Written contract:** it should state the rent, what is included "
                    "(utilities, internet, building administration fees), the deposit and the "
                    "conditions for returning it, the term of the contract and the notice period "
                    "for ending it.\n"
                    "- **Handover record:** a signed record of the flat's condition, its inventory "
                    "and the meter readings protects both sides.\n"
                    "- **Registration:** a lease does not have to be registered to be valid "
                    "between you and the landlord, but registering it with the Centre of Registers "
                    "(Registrų centras) protects you if the flat is sold. Ask the landlord whether "
                    "they agree.\n"
                    "- **Declaring your residence:** you will need the owner's consent to declare "
                    "your place of residence at the flat, which matters for your permit, a family "
                    "doctor and school. Agree on this before signing.\n\n"
                    "If a dispute arises, municipalities offer free primary legal aid "
                    "consultations. Check the current information on the Registrų centras website."
                ),
                days_after=2,
            ),
        ),
    ),
    DemoQuestion(
        topic="taxes",
        language="en",
        title="Can I register individual activity as a freelancer while I hold a TRP for work?",
        body=(
            "Besides my full-time job, I get occasional design projects from clients abroad. I "
            "want to do this legally and pay tax in Lithuania. Can someone with a TRP for work "
            "register individual activity with VMI, or would that cause problems for my permit?"
        ),
        asker="priya",
        tags=("vmi", "individual-activity", "freelance"),
        days_ago=3,
    ),
    DemoQuestion(
        topic="social-security",
        language="en",
        title="Can I get unemployment benefit if my employment contract ends while I have a TRP?",
        body=(
            "My company is closing its workshop, and my contract will end next month. I have "
            "worked and paid social insurance in Lithuania for about two years. Am I entitled to "
            "unemployment benefit from SODRA, and what happens to my TRP if I don't find a new job "
            "quickly?"
        ),
        asker="mehmet",
        tags=("sodra", "unemployment", "trp"),
        days_ago=7,
    ),
    DemoQuestion(
        topic="language-learning",
        language="en",
        title="Are there free evening Lithuanian courses in Vilnius for working adults?",
        body=(
            "I work full-time, so daytime courses are impossible for me. I want to learn "
            "Lithuanian properly, both for daily life and because I may need the A2 exam later for "
            "permanent residence. Are there free or low-cost evening or online courses in Vilnius "
            "that people can recommend?"
        ),
        asker="aisha",
        tags=("lithuanian", "courses", "a2", "vilnius"),
        days_ago=100,
        answers=(
            DemoAnswer(
                author="mehmet",
                body=(
                    "Last year I did an evening course that was free because it was funded by an "
                    "EU integration project – I found it on the Vilnius city municipality's "
                    "website. Classes were twice a week after work. Sign up early, places go fast. "
                    "Apps and Lithuanian TV with subtitles helped me a lot too."
                ),
                accepted=True,
                days_after=2,
            ),
            DemoAnswer(
                author="expert",
                body=(
                    "Adding to Mehmet's answer, places to look:\n\n"
                    "- **Municipal and EU-funded integration projects** – Vilnius regularly has "
                    "free courses for third-country nationals, often in the evening or online.\n"
                    "- **NGOs and international organisations** such as the Lithuanian Red Cross, "
                    "Caritas or IOM Vilnius, which at times run language classes as part of their "
                    "integration work.\n"
                    "- **Universities** – some offer courses open to the community, sometimes for "
                    "a fee.\n"
                    "- **The Employment Service**, if you are registered there as a jobseeker.\n\n"
                    "For the A2 exam itself, the National Agency for Education (Nacionalinė "
                    "švietimo agentūra, NŠA) publishes sample tasks and the exam schedule. Course "
                    "offers change every semester, so check the current announcements."
                ),
                days_after=3,
            ),
        ),
    ),
    DemoQuestion(
        topic="citizenship",
        language="en",
        title=(
            "Do years spent studying in Lithuania count towards the ten years needed for "
            "citizenship?"
        ),
        body=(
            "I first came to Lithuania as a master's student and later got a TRP for work. I "
            "understand that naturalisation usually requires ten years of residence. Does my time "
            "as a student count, or only the years since I started working? And does a long trip "
            "abroad break the period?"
        ),
        asker="priya",
        tags=("citizenship", "naturalisation", "residence-period"),
        days_ago=12,
    ),
    DemoQuestion(
        topic="return",
        language="en",
        title="Can IOM help my brother return home voluntarily after his permit was refused?",
        body=(
            "My brother came to Lithuania for work, but his permit was not renewed, and he has "
            "received a decision that he must leave. He wants to go back properly and avoid "
            "problems with travelling in the future, but he has little money for the ticket. Is "
            "there a programme that helps with this, and who can apply?"
        ),
        asker="mehmet",
        tags=("voluntary-return", "iom", "return-decision"),
        days_ago=42,
        answers=(
            DemoAnswer(
                author="expert",
                body=(
                    "Yes – the **International Organization for Migration (IOM) office in "
                    "Vilnius** runs an assisted voluntary return programme for third-country "
                    "nationals. In general:\n\n"
                    "- **Who can apply:** usually third-country nationals who have no right to "
                    "stay or whose right is ending – for example, people whose permit was refused, "
                    "rejected asylum seekers, or people who withdraw their asylum application. "
                    "Eligibility is checked case by case.\n"
                    "- **What it may cover:** help with travel documents, the ticket, assistance "
                    "at airports and, in some cases, reintegration support after arrival.\n"
                    "- **Timing:** a return decision usually sets a period for voluntary "
                    "departure. Your brother should contact IOM as early as possible within that "
                    "period. Leaving voluntarily and on time is generally better for future travel "
                    "than being removed, which may come with an entry ban.\n\n"
                    "The Migration Department is also involved in return procedures, so your "
                    "brother should keep it informed. For his specific case, he can contact IOM "
                    "Vilnius directly or get a free consultation from the Lithuanian Red Cross. "
                    "Check IOM Vilnius's website for the current conditions."
                ),
                days_after=2,
            ),
        ),
    ),
    DemoQuestion(
        topic="work",
        language="en",
        title="Why did the bank ask so many questions when I tried to open an account with my TRP?",
        body=(
            "My employer needs a Lithuanian bank account to pay my salary. When I applied at a "
            "bank, they asked about the source of my money, my employer, why I came to Lithuania "
            "and more. Two weeks later they still haven't decided. Is this normal, and what can I "
            "do if they refuse?"
        ),
        asker="aisha",
        tags=("bank-account", "salary", "trp"),
        days_ago=85,
        answers=(
            DemoAnswer(
                author="priya",
                body=(
                    "Unfortunately it's completely normal. Banks have to do anti-money-laundering "
                    "checks, and foreigners often get extra questions. Having my employment "
                    "contract and TRP ready helped. The first bank took almost a month; a friend "
                    "opened an account at another bank in a few days, so it's worth applying at "
                    "two."
                ),
                accepted=True,
                days_after=1,
            ),
            DemoAnswer(
                author="expert",
                body=(
                    "To add to Priya's answer:\n\n"
                    "- Banks must identify their clients and understand where their money comes "
                    "from (anti-money-laundering rules), so questions about your employer, income "
                    "and the purpose of the account are standard. Answer precisely and keep copies "
                    "of your contract and permit at hand.\n"
                    "- **Consumers residing lawfully in the EU generally have the right to a "
                    "payment account with basic features**, and a refusal should normally be "
                    "explained to you.\n"
                    "- If you believe you were refused unfairly, first complain to the bank, then "
                    "contact the **Bank of Lithuania (Lietuvos bankas)**, which handles consumer "
                    "complaints about financial service providers.\n"
                    "- Licensed electronic money institutions also open accounts with a Lithuanian "
                    "account number, and many employers accept them for salary payments – ask your "
                    "employer.\n\n"
                    "The Bank of Lithuania's website has current information about basic payment "
                    "accounts and how to complain."
                ),
                days_after=3,
            ),
        ),
    ),
    DemoQuestion(
        topic="residence-permits",
        language="en",
        title="Can I travel outside Lithuania while my TRP renewal is being processed?",
        body=(
            "I submitted my renewal application in MIGRIS on time, but my current card expires "
            "before the decision is expected. I have a family event abroad next month. Will I be "
            "able to come back, and what document should I carry?"
        ),
        asker="priya",
        tags=("trp", "travel", "renewal"),
        days_ago=1,
    ),
    DemoQuestion(
        topic="housing",
        language="en",
        title=(
            "Our landlord wants to keep the whole deposit for normal wear and tear – what can we "
            "do?"
        ),
        body=(
            "We moved out after a year. The flat was in the same condition as when we moved in, "
            "apart from normal wear on the floor. The landlord now says the deposit will cover "
            "“repainting everything”. We have photos from the first day. Is this allowed, and "
            "where can we get advice?"
        ),
        asker="aisha",
        tags=("deposit", "landlord", "rent"),
        days_ago=5,
    ),
    # ---- Russian ----
    DemoQuestion(
        topic="residence-permits",
        language="ru",
        title="Какие документы нужны для замены ВНЖ по работе через MIGRIS?",
        body=(
            "Работаю водителем-экспедитором, мой ВНЖ (leidimas laikinai gyventi) заканчивается "
            "через три месяца. Работодатель говорит, что сам всё сделает, но я хочу понимать, что "
            "нужно от меня. Какие документы обычно просят и нужно ли лично ехать в Департамент "
            "миграции?"
        ),
        asker="jasur",
        tags=("внж", "migris", "замена-внж"),
        days_ago=90,
        answers=(
            DemoAnswer(
                author="expert",
                body=(
                    "В общих чертах порядок такой:\n\n"
                    "1. **Заявление подаёте вы сами через MIGRIS** – информационную систему "
                    "Департамента миграции. Там же оплачивается государственная пошлина "
                    "(актуальный размер указан в системе) и бронируется время визита.\n"
                    "2. **От работодателя** обычно нужны документы, подтверждающие, что трудовые "
                    "отношения продолжаются, а в некоторых случаях – новое решение Службы "
                    "занятости (Užimtumo tarnyba) о соответствии работы потребностям рынка труда.\n"
                    "3. **От вас:** действующий паспорт, нынешняя карта ВНЖ и документы, которые "
                    "система запросит для вашего основания, – например, о месте жительства или о "
                    "медицинской страховке, если вы не застрахованы обязательным медицинским "
                    "страхованием (PSD).\n"
                    "4. **Визит:** как правило, нужно лично прийти в отдел обслуживания "
                    "Департамента миграции, чтобы предъявить оригиналы и сдать биометрические "
                    "данные.\n\n"
                    "Подавайте заявление заранее – как правило, не позднее чем за два месяца до "
                    "окончания срока действия ВНЖ; точный срок для вашего основания проверьте в "
                    "MIGRIS. Для водителей международных перевозок иногда действуют особые "
                    "правила, поэтому перед подачей стоит уточнить их на сайте Департамента "
                    "миграции."
                ),
                accepted=True,
                days_after=2,
            ),
            DemoAnswer(
                author="member",
                body=(
                    "Совет из опыта: бронируйте визит сразу после подачи заявления, в Вильнюсе "
                    "свободное время бывает только через несколько недель. И проверьте, чтобы "
                    "адрес в MIGRIS совпадал с задекларированным, – у меня из-за расхождения "
                    "попросили дополнительные документы."
                ),
                days_after=5,
            ),
        ),
    ),
    DemoQuestion(
        topic="language-learning",
        language="ru",
        title=(
            "Экзамены по литовскому (A2) и по Конституции для ПМЖ: как записаться и подготовиться?"
        ),
        body=(
            "Живу в Литве почти пять лет и собираюсь подавать на разрешение на постоянное "
            "проживание. Знаю, что нужно сдать экзамен по литовскому языку и по основам "
            "Конституции. Где на них записываться, как проходят экзамены и с чего начать "
            "подготовку?"
        ),
        asker="aigerim",
        tags=("экзамен", "литовский-язык", "конституция", "пмж"),
        days_ago=66,
        answers=(
            DemoAnswer(
                author="expert",
                body=(
                    "Для получения разрешения на постоянное проживание (leidimas nuolat gyventi) "
                    "обычно нужно сдать два экзамена:\n\n"
                    "- **по государственному (литовскому) языку** – на уровне не ниже A2 (это "
                    "первая категория владения государственным языком);\n"
                    "- **по основам Конституции Литовской Республики**.\n\n"
                    "Экзамены организует **Национальное агентство образования (Nacionalinė "
                    "švietimo agentūra, NŠA)**. На его сайте публикуются расписание сессий, "
                    "порядок регистрации и примеры заданий. Языковой экзамен обычно проверяет "
                    "аудирование, чтение, письмо и устную речь. Экзамен по Конституции – это тест "
                    "о государственном устройстве, правах и обязанностях граждан.\n\n"
                    "Для подготовки полезны бесплатные курсы литовского для иностранцев (их "
                    "организуют самоуправления, НКО и интеграционные проекты) и официальные "
                    "примеры заданий. Некоторые категории людей (например, по возрасту или "
                    "состоянию здоровья) могут быть освобождены от экзаменов. Актуальные даты и "
                    "правила проверяйте на сайте NŠA."
                ),
                accepted=True,
                days_after=1,
            ),
            DemoAnswer(
                author="member",
                body=(
                    "Я сдавала A2 весной – мне он был нужен для работы. Сложнее всего оказалась "
                    "устная часть, поэтому советую заранее тренироваться рассказывать о себе, "
                    "работе и семье. Примеры заданий с сайта NŠA очень похожи на настоящий "
                    "экзамен. А к экзамену по Конституции, как говорят знакомые, вполне хватает "
                    "недели подготовки по официальному списку вопросов."
                ),
                days_after=6,
            ),
        ),
    ),
    DemoQuestion(
        topic="work",
        language="ru",
        title=(
            "Нашёл новую работу: что должен сделать работодатель и нужно ли сообщать в Департамент "
            "миграции?"
        ),
        body=(
            "У меня ВНЖ по работе. Другая компания предлагает мне место с лучшей зарплатой, но их "
            "отдел кадров никогда не нанимал иностранцев. Что именно они должны оформить и в каком "
            "порядке? Могу ли я уволиться с нынешней работы сразу?"
        ),
        asker="jasur",
        tags=("работа", "смена-работодателя", "служба-занятости"),
        days_ago=20,
        answers=(
            DemoAnswer(
                author="expert",
                body=(
                    "Главное правило: **не увольняйтесь и не начинайте работать на новом месте, "
                    "пока документы не оформлены**. Обычно порядок такой:\n\n"
                    "1. **Новый работодатель** обращается в Службу занятости (Užimtumo tarnyba) за "
                    "решением о соответствии вашей работы потребностям рынка труда Литвы (или за "
                    "разрешением на работу, если оно требуется в вашем случае). Для профессий из "
                    "списка дефицитных и для высококвалифицированной работы условия проще.\n"
                    "2. **Департамент миграции** нужно уведомить о смене работодателя через "
                    "MIGRIS; в зависимости от ситуации может понадобиться заявление на новый или "
                    "изменённый ВНЖ. В первые месяцы работы могут действовать дополнительные "
                    "ограничения на смену работодателя.\n"
                    "3. Только после этого договаривайтесь о дате увольнения со старого места, "
                    "чтобы не было периода без законного основания.\n\n"
                    "Работодатель отвечает за законное трудоустройство иностранца, поэтому отделу "
                    "кадров полезно заранее изучить информацию для работодателей на сайтах Службы "
                    "занятости и Департамента миграции. Если сомневаетесь, обратитесь за "
                    "бесплатной юридической консультацией, например в Литовский Красный Крест."
                ),
                days_after=1,
            ),
        ),
    ),
    DemoQuestion(
        topic="health-care",
        language="ru",
        title="Нужна ли жене частная медицинская страховка для ВНЖ, если она пока не работает?",
        body=(
            "Моя жена приезжает ко мне по воссоединению семьи. Сразу работать она не будет, так "
            "что взносы за неё никто платить не будет. Нужна ли ей частная страховка для получения "
            "ВНЖ и какую страховку принимает Департамент миграции?"
        ),
        asker="jasur",
        tags=("страховка", "psd", "внж"),
        days_ago=35,
        answers=(
            DemoAnswer(
                author="expert",
                body=(
                    "Скорее всего, да. Принцип такой:\n\n"
                    "- **Обязательное медицинское страхование (PSD)** распространяется на "
                    "иностранцев с ВНЖ, которые работают в Литве по трудовому договору (взносы "
                    "платятся с зарплаты), а также на постоянных жителей. Его администрирует "
                    "Государственная больничная касса (Valstybinė ligonių kasa, VLK).\n"
                    "- Если член семьи **не работает и не застрахован PSD**, для выдачи ВНЖ обычно "
                    "требуется **частная медицинская страховка**, действующая в Литве. Требования "
                    "к покрытию и сроку действия полиса указаны на сайте Департамента миграции.\n"
                    "- Когда жена начнёт работать по трудовому договору, она, как правило, будет "
                    "застрахована PSD – это можно проверить в электронных услугах VLK.\n\n"
                    "Перед покупкой полиса сверьтесь с актуальными требованиями на сайте "
                    "Департамента миграции и спросите страховую компанию, подходит ли полис для "
                    "ВНЖ в Литве."
                ),
                days_after=2,
            ),
            DemoAnswer(
                author="aigerim",
                body=(
                    "Мы покупали такой полис для мужа. Многие страховые компании в Литве продают "
                    "страховку специально «для ВНЖ» – просто спросите об этом прямо. Сохраните "
                    "договор и подтверждение оплаты: в Департаменте миграции попросили и то, и "
                    "другое."
                ),
                days_after=3,
            ),
        ),
    ),
    DemoQuestion(
        topic="family-reunification",
        language="ru",
        title="Можно ли по воссоединению семьи привезти родителей-пенсионеров?",
        body=(
            "Я третий год живу и работаю в Литве по ВНЖ. Сейчас оформляю воссоединение с женой и "
            "ребёнком, а в будущем хотел бы забрать и маму с папой: им за семьдесят, и дома за "
            "ними некому ухаживать. Возможно ли это и какие условия?"
        ),
        asker="jasur",
        tags=("воссоединение-семьи", "родители"),
        days_ago=105,
        answers=(
            DemoAnswer(
                author="expert",
                body=(
                    "Воссоединение семьи в Литве оформляется через Департамент миграции: заявление "
                    "подаётся в MIGRIS, а документы члены семьи обычно сдают в посольстве Литвы "
                    "или у внешнего поставщика услуг.\n\n"
                    "**Кого обычно можно привезти:**\n"
                    "- супруга или зарегистрированного партнёра;\n"
                    "- несовершеннолетних детей (в том числе усыновлённых);\n"
                    "- в более узких случаях – родителей и совершеннолетних детей, если они "
                    "находятся на вашем иждивении и не могут обеспечивать себя сами.\n\n"
                    "**Условия для приглашающего:** как правило, нужно законно прожить в Литве "
                    "определённое время (обычно два года) и иметь ВНЖ с перспективой долгосрочного "
                    "проживания. Есть исключения – например, для владельцев Голубой карты ЕС, "
                    "некоторых других высококвалифицированных специалистов и беженцев. Кроме того, "
                    "нужно подтвердить достаточный доход, жильё и медицинскую страховку для "
                    "родственников.\n\n"
                    "По родителям решение принимается индивидуально, и важно документально "
                    "подтвердить, что они от вас зависят (например, регулярные денежные переводы, "
                    "медицинские документы). Перед подачей советую получить консультацию и "
                    "проверить актуальный перечень документов на сайте Департамента миграции."
                ),
                days_after=3,
            ),
        ),
    ),
    DemoQuestion(
        topic="asylum",
        language="ru",
        title="Какие права у просителя убежища в Центре регистрации иностранцев в Пабраде?",
        body=(
            "Мой родственник подал прошение об убежище и сейчас находится в Центре регистрации "
            "иностранцев в Пабраде. Он почти не говорит по-английски и не понимает, что будет "
            "дальше. Может ли он получить бесплатного адвоката, переводчика и медицинскую помощь? "
            "Можно ли ему выходить из центра?"
        ),
        asker="jasur",
        tags=("убежище", "пабраде", "юридическая-помощь"),
        days_ago=16,
        anonymous=True,
        answers=(
            DemoAnswer(
                author="expert",
                body=(
                    "Общая информация о правах во время процедуры (подробности зависят от "
                    "конкретного случая):\n\n"
                    "- **Бесплатная юридическая помощь:** проситель убежища имеет право на "
                    "гарантируемую государством юридическую помощь, в том числе при обжаловании "
                    "решений. Бесплатные консультации также даёт **Литовский Красный Крест**; его "
                    "юристы консультируют и людей, находящихся в Центре регистрации иностранцев.\n"
                    "- **Переводчик** предоставляется на собеседованиях и при других важных "
                    "процессуальных действиях.\n"
                    "- **Проживание, питание и медицинская помощь:** в центре предоставляются "
                    "жильё и базовое обеспечение, необходимая медицинская помощь оказывается "
                    "бесплатно.\n"
                    "- **Свобода передвижения** может быть ограничена – это зависит от "
                    "индивидуальной ситуации и оформляется решением. Такие ограничения можно "
                    "обжаловать, и здесь особенно важен юрист.\n"
                    "- **Решение** по заявлению принимает Департамент миграции. Отказ можно "
                    "обжаловать в суде, но срок короткий, поэтому решение нужно внимательно "
                    "прочитать сразу после получения.\n\n"
                    "Центр подчиняется Государственной службе охраны границы (VSAT). Пусть ваш "
                    "родственник попросит сотрудников центра связать его с юристом Красного "
                    "Креста, а вы можете обратиться в Красный Крест со своей стороны."
                ),
                accepted=True,
                days_after=1,
            ),
            DemoAnswer(
                author="moderator",
                body=(
                    "Вопрос опубликован анонимно. Напоминаем: не указывайте в публичных сообщениях "
                    "имена, номера документов и телефоны – для личной консультации обращайтесь к "
                    "юристам напрямую."
                ),
                days_after=2,
            ),
        ),
    ),
    DemoQuestion(
        topic="education",
        language="ru",
        title="Как записать ребёнка в школу в Вильнюсе, если мы только приехали?",
        body=(
            "Мы с сыном (ему десять лет) приехали в Вильнюс месяц назад. По-литовски он не "
            "говорит. Куда обращаться, чтобы его приняли в школу посреди учебного года, и какие "
            "документы нужны? Есть ли классы, где помогают выучить язык?"
        ),
        asker="member",
        tags=("школа", "дети", "вильнюс"),
        days_ago=25,
        answers=(
            DemoAnswer(
                author="aigerim",
                body=(
                    "Мы записывали дочь через электронную систему приёма самоуправления, но можно "
                    "обратиться и напрямую в школу – нам в итоге помог директор ближайшей школы. "
                    "Попросили паспорт, документ о праве проживания, справку о здоровье ребёнка и "
                    "подтверждение задекларированного места жительства. Первые месяцы дочь ходила "
                    "на дополнительные уроки литовского, а сейчас уже свободно общается с "
                    "одноклассниками."
                ),
                accepted=True,
                days_after=1,
            ),
            DemoAnswer(
                author="expert",
                body=(
                    "Право на образование в Литве есть у всех детей, независимо от статуса "
                    "родителей. Общий порядок:\n\n"
                    "- **Заявление** подаётся через систему приёма в школы самоуправления (в "
                    "Вильнюсе – онлайн) или напрямую в выбранную школу; школа вместе с "
                    "самоуправлением решает, в какой класс принять ребёнка.\n"
                    "- **Документы** обычно такие: документ, удостоверяющий личность ребёнка, "
                    "документ о праве проживания, справка о здоровье и, если есть, документы о "
                    "предыдущем обучении.\n"
                    "- **Помощь с языком:** для детей, приехавших из-за границы, предусмотрены "
                    "меры адаптации – например, выравнивающие классы или группы, дополнительные "
                    "уроки литовского, индивидуальный план обучения.\n\n"
                    "Правила о языке обучения для новоприбывших учеников в последние годы "
                    "менялись, поэтому о доступных школах лучше спросить в отделе образования "
                    "самоуправления. Актуальную информацию ищите на сайтах самоуправления и "
                    "Министерства образования, науки и спорта."
                ),
                days_after=2,
            ),
        ),
    ),
    DemoQuestion(
        topic="housing",
        language="ru",
        title="Хозяйка квартиры не даёт согласия на декларирование места жительства. Что делать?",
        body=(
            "Полгода снимаю квартиру в Каунасе по договору аренды. Для продления ВНЖ и записи к "
            "семейному врачу мне нужно задекларировать место жительства, но хозяйка отказывается "
            "давать согласие и говорит, что «так не принято». Обязана ли она это сделать и какие у "
            "меня есть варианты?"
        ),
        asker="aigerim",
        tags=("декларирование", "аренда", "место-жительства"),
        days_ago=48,
        answers=(
            DemoAnswer(
                author="expert",
                body=(
                    "К сожалению, ситуация частая. Что важно знать:\n\n"
                    "- **Место жительства нужно задекларировать в течение месяца** после переезда "
                    "– через портал электронных государственных услуг (Elektroniniai valdžios "
                    "vartai, epaslaugos.lt) или в старостве (seniūnija) либо самоуправлении.\n"
                    "- Если вы не собственник, нужно **согласие владельца**. Как правило, закон не "
                    "обязывает владельца его давать, но многие соглашаются, если объяснить, что "
                    "декларирование не даёт арендатору никаких прав на квартиру.\n"
                    "- **Если владелец всё же отказывается**, иногда можно задекларироваться у "
                    "родственников или знакомых, которые согласны, или, если у вас нет места "
                    "жительства, попросить включить вас в учёт лиц без места жительства в "
                    "самоуправлении. Как это повлияет на ВНЖ, уточните заранее.\n\n"
                    "В будущем проблему решает договор аренды, в котором прямо записано согласие "
                    "на декларирование. Какие документы о месте жительства нужны именно для вашего "
                    "ВНЖ, проверьте на сайте Департамента миграции или в MIGRIS."
                ),
                days_after=2,
            ),
            DemoAnswer(
                author="moderator",
                body=(
                    "Похожий вопрос о декларировании обсуждался на литовском языке в разделе о "
                    "жилье. Если найдёте решение, расскажите о нём здесь, пожалуйста, – это "
                    "поможет другим."
                ),
                days_after=3,
            ),
        ),
    ),
    DemoQuestion(
        topic="taxes",
        language="ru",
        title="Нужно ли подавать декларацию в VMI, если у меня был доход из-за границы?",
        body=(
            "Кроме зарплаты в Литве, в прошлом году я получала доход от сдачи квартиры в "
            "Казахстане. Налог там, кажется, платила. Нужно ли декларировать этот доход в Литве и "
            "не придётся ли платить налог дважды?"
        ),
        asker="aigerim",
        tags=("vmi", "декларация", "налоги"),
        days_ago=8,
    ),
    DemoQuestion(
        topic="social-security",
        language="ru",
        title="Положены ли детские деньги (išmoka vaikui) иностранцу с ВНЖ в Литве?",
        body=(
            "Я одна воспитываю двоих детей. Мы живём в Литве с временной защитой, я работаю по "
            "трудовому договору. Одни знакомые говорят, что «детские деньги» получают все, другие "
            "– что только граждане. Куда обращаться и какие ещё пособия на детей существуют?"
        ),
        asker="member",
        tags=("детские-деньги", "sodra", "пособия"),
        days_ago=52,
        answers=(
            DemoAnswer(
                author="expert",
                body=(
                    "Многое зависит от вашего статуса и задекларированного места жительства, "
                    "поэтому лучше проверить именно ваш случай. В общих чертах:\n\n"
                    "- **Пособие на ребёнка (išmoka vaikui, «детские деньги»)** назначает и "
                    "выплачивает **отдел социальной поддержки самоуправления**, а не SODRA. Право "
                    "на него, кроме граждан, есть и у некоторых категорий иностранцев, проживающих "
                    "в Литве, – как правило, и у лиц с временной защитой. Заявление можно подать "
                    "онлайн через систему SPIS (spis.lt) или в самоуправлении.\n"
                    "- **SODRA** выплачивает пособия, связанные с социальным страхованием: по "
                    "беременности и родам, по отцовству, по уходу за ребёнком. Для них нужен "
                    "определённый стаж социального страхования в Литве (обычно не менее 12 месяцев "
                    "за последние 24 месяца). Свой стаж можно проверить в личном кабинете на сайте "
                    "sodra.lt.\n"
                    "- **Одиноким родителям** и семьям с невысоким доходом могут быть доступны "
                    "дополнительные выплаты и социальная помощь через самоуправление.\n\n"
                    "Актуальные условия смотрите на сайтах самоуправления, SPIS и SODRA."
                ),
                days_after=2,
            ),
        ),
    ),
    DemoQuestion(
        topic="citizenship",
        language="ru",
        title=(
            "Придётся ли отказаться от гражданства Казахстана при получении литовского гражданства?"
        ),
        body=(
            "Через несколько лет я планирую подать на гражданство Литвы по натурализации. Слышала, "
            "что двойное гражданство в Литве почти невозможно. Правда ли это и в какой момент "
            "нужно отказываться от прежнего гражданства?"
        ),
        asker="aigerim",
        tags=("гражданство", "двойное-гражданство", "натурализация"),
        days_ago=115,
        answers=(
            DemoAnswer(
                author="expert",
                body=(
                    "Да, при натурализации двойное гражданство в Литве, как правило, не "
                    "допускается. Основные моменты:\n\n"
                    "- **Общие условия натурализации:** обычно 10 лет законного постоянного "
                    "проживания в Литве и действующее разрешение на постоянное проживание на "
                    "момент подачи, сданные экзамены по государственному языку и основам "
                    "Конституции, законный источник средств к существованию.\n"
                    "- **Двойное гражданство** возможно только в исключительных случаях, прямо "
                    "предусмотренных законом (например, для беженцев). Большинству иностранцев, "
                    "получающих гражданство по натурализации, придётся отказаться от прежнего "
                    "гражданства.\n"
                    "- **Порядок:** последовательность действий (когда именно нужно представить "
                    "документ об утрате прежнего гражданства) и сроки определяются действующими "
                    "правилами – уточните их до подачи заявления.\n\n"
                    "Заявления принимает Департамент миграции, а решение о предоставлении "
                    "гражданства принимает Президент Литовской Республики. Стоит также заранее "
                    "узнать в посольстве Казахстана, сколько длится процедура выхода из "
                    "гражданства. Актуальная информация – на сайте Департамента миграции."
                ),
                days_after=4,
            ),
        ),
    ),
    DemoQuestion(
        topic="return",
        language="ru",
        title="Подруге отказали в ВНЖ: можно ли продлить срок добровольного выезда?",
        body=(
            "Моей подруге отказали в выдаче ВНЖ и выдали решение, по которому она должна покинуть "
            "Литву в определённый срок. Она учится и хочет закончить семестр, а билеты сейчас "
            "очень дорогие. Можно ли попросить больше времени и к кому обращаться?"
        ),
        asker="aigerim",
        tags=("выезд", "отказ", "добровольное-возвращение"),
        days_ago=18,
    ),
    DemoQuestion(
        topic="work",
        language="ru",
        title="Временная защита для украинцев: можно ли работать без разрешения на работу?",
        body=(
            "Я из Украины, получила временную защиту и ВНЖ на этом основании. Мне предлагают "
            "работу в кафе, но работодатель не уверен, нужно ли оформлять разрешение на работу. "
            "Что ему нужно сделать, чтобы всё было законно?"
        ),
        asker="member",
        tags=("временная-защита", "работа", "украина"),
        days_ago=72,
        answers=(
            DemoAnswer(
                author="expert",
                body=(
                    "Лицам, получившим в Литве временную защиту, **отдельное разрешение на работу, "
                    "как правило, не нужно** – работать можно по обычному трудовому договору. Что "
                    "важно для работодателя:\n\n"
                    "- заключить **письменный трудовой договор** и до начала работы сообщить о "
                    "приёме работника в SODRA, как и для любого другого работника;\n"
                    "- проверить ваш документ (ВНЖ, выданный на основании временной защиты);\n"
                    "- платить зарплату не ниже минимальной и соблюдать обычные нормы трудового "
                    "права.\n\n"
                    "С трудовым договором вы будете застрахованы социальным и обязательным "
                    "медицинским страхованием (PSD). Если нужна помощь с поиском работы или "
                    "курсами, можно зарегистрироваться в Службе занятости (Užimtumo tarnyba). "
                    "Условия временной защиты зависят от решений ЕС и уже несколько раз "
                    "продлевались, поэтому актуальные сроки проверяйте на сайтах Департамента "
                    "миграции и Службы занятости."
                ),
                accepted=True,
                days_after=1,
            ),
        ),
    ),
    DemoQuestion(
        topic="health-care",
        language="ru",
        title="Как найти семейного врача, который говорит по-русски, и прикрепиться к поликлинике?",
        body=(
            "Я недавно переехала в Клайпеду. Мой литовский пока на базовом уровне, и мне было бы "
            "проще объясняться с врачом по-русски или по-английски. Можно ли выбрать поликлинику и "
            "врача самостоятельно? Как узнать, кто из врачей говорит на других языках?"
        ),
        asker="aigerim",
        tags=("семейный-врач", "поликлиника", "клайпеда"),
        days_ago=10,
    ),
    DemoQuestion(
        topic="social-security",
        language="ru",
        title="Засчитывается ли стаж работы в Узбекистане для пенсии в Литве?",
        body=(
            "До переезда в Литву я больше десяти лет работал в Узбекистане. Сейчас работаю здесь и "
            "плачу взносы в SODRA. Будет ли учитываться узбекский стаж при назначении пенсии в "
            "Литве или придётся получать пенсию от двух стран?"
        ),
        asker="jasur",
        tags=("пенсия", "стаж", "sodra"),
        days_ago=3,
    ),
)
