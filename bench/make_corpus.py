"""Generate a deterministic corpus of realistic raw news dumps for benchmarks.

Usage:  python bench/make_corpus.py N DIR [--seed S] [--bad-rate 0.01] [--dup-rate 0.01]

The same N, seed and rates always give the same paths with the same bytes, so
benchmark runs are comparable across machines and commits. Every file is
derived from its own seeded random stream, which lets the work be split over
processes without changing the output. Text comes from word and phrase pools
in this file (no data files, no network); body sentences are drawn from a pool
built once per seed, because composing every sentence word by word would make
generation, not ingest, the bottleneck.

Layout: DIR/<publisher>/<yyyy-mm>/<dd>/<slug>-<n>.txt[.gz] (a few dozen files
per folder at most for any N, the date span grows with N).
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path

# ---------------------------------------------------------------------------
# Shape of the corpus

RECAPTURE_RATE = 0.005
START_DATE = date(2024, 1, 1)
FILES_PER_DAY = 150  # the date span grows with N so folders stay small (~50 files)
MIN_SPAN_DAYS = 365
MIN_GOOD_BYTES = 3000
MAX_GOOD_BYTES = 15000
OVERSIZED_BYTES = 10 * 1024 * 1024 + 64 * 1024  # just over newsetl's default 10 MiB limit
OVERSIZED_FILES = 2
SERIAL_BELOW = 4000  # smaller corpora are not worth a process pool
CHUNK = 1000
# Sizes of the per-seed pools: large enough that bodies do not visibly repeat, small
# enough to build in ~0.2 s (every process builds them once).
SENTENCE_POOL = 8000
PARAGRAPH_POOL = 12000
CARD_POOL = 2000

BAD_KINDS = ("empty", "binary", "no_title", "recommendations_only", "cookie_wall", "html_error")
# Quarantine reason (DATA-CONTRACT §2) each bad kind is expected to get.
BAD_KIND_REASON = {
    "empty": "empty",
    "binary": "binary",
    "no_title": "no_title",
    "recommendations_only": "not_an_article",
    "cookie_wall": "not_an_article",
    "html_error": "not_an_article",
    "oversized": "too_large",
}

# publisher as printed, folder name, share of the corpus
PUBLISHERS = (
    ("AP News", "apnews", 0.34),
    ("Reuters", "reuters", 0.15),
    ("UPI", "upi", 0.12),
    ("Los Angeles Times", "latimes", 0.13),
    ("USA TODAY", "usatoday", 0.14),
    ("CBS News", "cbsnews", 0.12),
)
PUBLISHER_NAMES = tuple(p[0] for p in PUBLISHERS)
PUBLISHER_WEIGHTS = tuple(p[2] for p in PUBLISHERS)
PUBLISHER_FOLDER = {p[0]: p[1] for p in PUBLISHERS}
AP_SYNDICATORS = ("AP News", "USA TODAY", "Los Angeles Times", "CBS News")

ENCODINGS = ("utf8", "utf8_bom", "crlf", "cp1252", "latin1", "gz")
ENCODING_WEIGHTS = (0.87, 0.04, 0.04, 0.025, 0.01, 0.015)

# ---------------------------------------------------------------------------
# Word and phrase pools (only characters that cp1252 can encode)


def words(text: str) -> tuple[str, ...]:
    """Pools are written as space-separated words to keep this file short."""
    return tuple(text.split())


def phrases(text: str) -> tuple[str, ...]:
    """Pools of multi-word phrases are written `|`-separated."""
    return tuple(p.strip() for p in text.split("|") if p.strip())


FIRST = words("""
James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard
Susan Joseph Jessica Thomas Sarah Charles Karen Christopher Lisa Daniel Nancy Matthew Betty
Anthony Sandra Mark Margaret Donald Ashley Steven Kimberly Andrew Emily Paul Donna Joshua
Michelle Kenneth Carol Kevin Amanda Brian Melissa George Deborah Timothy Stephanie Ronald
Rebecca Jason Laura Edward Helen Jeffrey Sharon Ryan Cynthia Jacob Kathleen Gary Amy Nicholas
Angela Eric Shirley Jonathan Anna Larry Brenda Justin Pamela Scott Emma Brandon Nicole Benjamin
Samantha Samuel Katherine Gregory Christine Alexander Debra Patrick Rachel Frank Carolyn Raymond
Janet Jack Maria Dennis Olivia Jerry Heather Tyler Diane Aaron Julie Adam Victoria Nathan Ruth
Henry Virginia Zachary Lauren Douglas Kelly Peter Christina Kyle Joan Noah Evelyn Ethan Judith
Jeremy Andrea Walter Hannah Christian Megan Keith Cheryl Roger Jacqueline Terry Martha Austin
Madison Sean Teresa Gerald Gloria Carl Sara Harold Janice Dylan Ann Arthur Kathryn Lawrence
Abigail Jordan Sophia Jesse Frances Bryan Jean Billy Alice Bruce Judy Gabriel Isabella Joe
Julia Logan Grace Alan Amber Juan Denise Albert Danielle Elijah Beverly Wayne Charlotte Randy
Natalie Vincent Theresa Mason Diana Roy Brittany Ralph Doris Bobby Kayla Russell Alexis Bradley
Lori Philip Marie Eugene Tatiana Olena Dmitri Yuki Hiroshi Mei Wei Priya Arjun Fatima Omar
Ahmed Aisha Chidi Ngozi Lars Ingrid Søren Zoë José François Renée Chloé Andrés Joaquín Inés
Björn Jürgen Noémie Mónica Stepan Evan Gavriil Illia Yuliia Kostiantyn Mstyslav Efrem Hanna
""")
LAST = words("""
Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez
Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris
Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill
Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips
Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers
Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson
Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders
Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler
Henderson Barnes Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham
Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar
Stevens Murray Ford Castro Marshall Owens Harrison Fernandez McDonald Woods Washington Kennedy
Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter
Gordon Mendez Silva Shaw Snyder Mason Dixon Muñoz Hunt Hicks Holmes Palmer Wagner Black
Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson
Nichols Stephens Soto Weaver Ryan Gardner Payne Grant Dunn Kovalenko Shevchenko Petrov Ivanova
Yamamoto Tanaka Okafor Mensah Haddad Khalil Novak Müller Schäfer Lefèvre Núñez Peña Ibáñez
Sørensen Åberg O'Brien Vucci Pugachev Kazakov Grigorov Chernov Lyman Dubina Kudryavtsev
""")
# dateline city (as printed in a dateline) and its region ("" for cities AP prints alone)
PLACES = tuple(
    tuple(p.split("/")) if "/" in p else (p, "")
    for p in phrases("""
KYIV/Ukraine | KHARKIV/Ukraine | ODESA/Ukraine | MOSCOW | VLADIVOSTOK/Russia | LONDON | PARIS |
BERLIN | ROME | MADRID | BRUSSELS | GENEVA | WARSAW/Poland | ISTANBUL | JERUSALEM | BEIRUT |
CAIRO | DUBAI/United Arab Emirates | TEHRAN/Iran | NEW DELHI | ISLAMABAD | BEIJING | HONG KONG |
TOKYO | SEOUL/South Korea | BANGKOK | MANILA/Philippines | SYDNEY | JOHANNESBURG | NAIROBI/Kenya |
LAGOS/Nigeria | MEXICO CITY | SÃO PAULO/Brazil | BOGOTÁ/Colombia | BUENOS AIRES/Argentina |
TORONTO | OTTAWA/Ontario | WASHINGTON | NEW YORK | LOS ANGELES | CHICAGO | HOUSTON | PHOENIX |
PHILADELPHIA | SAN FRANCISCO | SEATTLE | DENVER | ATLANTA | MIAMI | BOSTON | DALLAS | DETROIT |
NEW ORLEANS | LAS VEGAS | DES MOINES/Iowa | COLUMBUS/Ohio | MADISON/Wis. | AUSTIN/Texas |
RALEIGH/N.C. | TALLAHASSEE/Fla. | SACRAMENTO/Calif. | SALT LAKE CITY | BOISE/Idaho |
ALBANY/N.Y. | HARRISBURG/Pa. | LANSING/Mich. | PHOENIX/Ariz. | ST. LOUIS | NASHVILLE/Tenn. |
ANCHORAGE/Alaska | HONOLULU | PORTLAND/Ore. | TUCSON/Ariz. | ASHEVILLE/N.C. | MONTGOMERY/Ala. |
JACKSON/Miss. | LITTLE ROCK/Ark. | SANTA FE/N.M. | CHEYENNE/Wyo. | BISMARCK/N.D. | TOPEKA/Kan.
""")
)
STATES = phrases("""
Texas | California | Florida | Ohio | Georgia | Michigan | Arizona | Wisconsin | Pennsylvania |
North Carolina | Nevada | Iowa | Minnesota | Colorado | Virginia | New York | Illinois | Oregon |
Washington state | Louisiana | Kentucky | Tennessee | Alabama | Missouri | Utah | Idaho | Kansas |
Maine | Vermont | New Mexico | Oklahoma | Indiana | Maryland | Massachusetts | New Jersey
""")
ROLES = phrases("""
President | Gov. | Sen. | Rep. | Mayor | Secretary of State | Defense Secretary | Attorney General |
Prime Minister | Chancellor | coach | Judge | Police Chief | Commissioner | Speaker
""")
ORGS = phrases("""
the Federal Reserve | the Supreme Court | NATO | the European Union | the United Nations |
the Pentagon | Congress | the Justice Department | the World Health Organization | Apple |
Tesla | Boeing | the city council | the school board | the state Senate | the House |
the White House | the Kremlin | the IRS | the FAA | the FDA | the CDC | the EPA | Amazon |
Google | Microsoft | Meta | OpenAI | Walmart | the NFL | the NCAA | the Red Cross |
the Education Department | the Postal Service | the Census Bureau | the State Department |
the Labor Department | the Treasury | the Bank of England | the European Central Bank
""")
GROUPS = phrases("""
lawmakers | officials | voters | teachers | nurses | farmers | regulators | residents |
prosecutors | Democrats | Republicans | hospitals | landlords | automakers | airlines | ranchers
""")
VERBS = phrases("""
rejects | approves | blocks | backs | criticizes | unveils | announces | weighs | seeks | delays |
defends | faces | pushes for | calls for | warns against | vows to fight | sues over |
signs off on | pulls out of | questions | targets | doubles down on | walks back | scraps |
expands | slams | embraces | revives | pauses | fast-tracks
""")
ADJECTIVES = phrases("""
new | sweeping | controversial | long-delayed | $2 billion | bipartisan | emergency | proposed |
federal | state | revised | temporary | permanent | multibillion-dollar | stalled | court-ordered |
record | surprise | last-minute | tougher | looser | expanded | scaled-back | rival | GOP-backed |
Democratic-backed | second | final | draft | one-year | five-year | local | national | voluntary |
mandatory | costly | secret | landmark | disputed | narrow
""")
NOUNS = phrases("""
tariffs on steel imports | budget deal | ceasefire proposal | abortion ban | voting map |
minimum wage increase | immigration crackdown | school funding plan | tax cuts | climate rules |
gun restrictions | merger | peace talks | sanctions on Russia | trade pact | housing plan |
drug pricing rules | border wall funding | student loan relief | police reform bill |
water rights deal | rent controls | energy subsidies | transit expansion | AI safety rules |
data privacy law | ban on TikTok | vaccine mandate | fishing quotas | wildfire funding |
stadium deal | layoffs | strike | union contract | debt limit deal | oil drilling leases |
offshore wind project | chip export limits | social media rules for teens | bail reform |
ballot measure | spending bill | refugee cap | troop deployment | arms package for Ukraine |
hostage deal | interest rate cut | price caps | pension overhaul | mining permit | nuclear plant |
highway project | book ban | phone ban in schools | zoning overhaul | recall effort |
ethics probe | antitrust lawsuit | settlement
""")
EVENTS = phrases("""
weeks of protests | a tense hearing | a court ruling | the midterm elections | a deadly storm |
a cyberattack | a budget shortfall | a surprise vote | talks in Geneva | a summit in Brussels |
a string of losses | a data breach | a factory fire | a heat wave | a record quarter |
the playoffs | a cabinet shake-up | a spike in prices | the holiday season | a government shutdown |
a mass shooting | a train derailment | a bridge collapse | a power outage | a teachers strike |
a failed coup | a prison break | a wildfire | a bank failure | a port strike
""")
ISSUES = phrases("""
rising costs | staff shortages | growing criticism | legal challenges | falling ratings |
supply chain problems | safety concerns | a housing crunch | record heat | inflation fears |
union pressure | a drought | public outcry | security concerns | budget cuts | investor jitters |
a measles outbreak | calls for resignation | a flood of lawsuits | low turnout | rising crime |
a bird flu outbreak | fuel shortages | a teacher shortage | soaring rents | mounting debt
""")
TEAMS = phrases("""
Oregon | Oklahoma State | Iowa State | Iowa | Georgia | Alabama | Texas | Ohio State | Michigan |
USC | Notre Dame | Clemson | LSU | Penn State | Florida State | Miami | Tennessee | Utah |
Kansas State | Georgia Southern | Ole Miss | Wisconsin | the Chiefs | the Eagles | the Bills |
the Ravens | the 49ers | the Lions | the Cowboys | the Packers | the Dodgers | the Yankees |
the Mets | the Cubs | the Astros | the Braves | the Celtics | the Lakers | the Knicks |
the Nuggets | the Bucks | the Heat | the Warriors | the Liberty | the Aces | the Fever |
the Sparks | the Storm | Real Madrid | Barcelona | Arsenal | Liverpool | Manchester City |
Inter Miami | the Rangers | the Bruins | the Oilers | the Panthers
""")
BEATS = phrases("routs | beats | edges | stuns | tops | holds off | rallies past | cruises past")
SPORTS_TAILS = phrases("""
for first win of the season | in overtime | to stay unbeaten | in home opener |
to clinch playoff spot | as starters rest | in rain-soaked game | after blowing early lead
""")
DISASTERS = phrases("""
storm | tornado | wildfire | flash flooding | earthquake | landslide | heat wave | bus crash |
building collapse | explosion | typhoon | blizzard
""")
HITS = phrases("hits | sweeps through | strikes | tears through | batters | rocks")
CASUALTIES = phrases("killed | dead | injured | missing | hurt | displaced")
QUOTES = phrases("""
This is not the end of the story | We have a responsibility to the people we serve |
Nobody saw this coming | It’s going to take time | We will not back down |
The numbers speak for themselves | We’re going to keep fighting | This is a historic day |
I’ve never seen anything like it | We need answers | It was terrifying |
Families deserve better | This is about fairness | We did everything right |
There’s a lot of work left to do | The law is clear | We’re ready | It’s heartbreaking |
This changes everything | We were not consulted | Nobody is above the law |
It’s a matter of survival | We’ll see what happens | They had no plan
""")
SHORT_QUOTES = phrases("""
legitimate targets | unacceptable | a disaster | a win for families | a betrayal |
a witch hunt | long overdue | reckless | a turning point | dangerous | a great day |
not negotiable | a scam | historic | a slap in the face | the right call
""")
OUTCOMES = phrases("""
will go ahead as planned | could be delayed until next year | is the best option for families |
will not survive a court challenge | must be approved by voters | was drafted in secret |
would cost taxpayers billions | has broad support | is dead on arrival | needs more work |
will be reviewed by a federal judge | could reshape the state’s economy
""")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = words(
    "January February March April May June July August September October November December"
)
AP_MONTHS = words("Jan. Feb. March April May June July Aug. Sept. Oct. Nov. Dec.")
OCCUPATIONS = phrases("""
retired teacher | nurse | small-business owner | truck driver | farmer | student | veteran |
firefighter | software engineer | pastor | restaurant owner | union organizer
""")
CAPTION_ACTIONS = phrases("""
speaks during a news conference | gestures as they speak at a plenary session |
arrives for a meeting | waves to supporters | looks on during a hearing |
walks past a damaged building | attends a ceremony | testifies before a Senate committee |
celebrates after scoring | speaks to reporters | reacts after the verdict |
poses for a photo | visits a shelter | delivers a speech | signs an executive order |
leaves the courthouse | greets soldiers | tours a flooded neighborhood
""")
CAPTION_GROUPS = phrases("""
Firefighters battle a blaze | Protesters hold signs | Residents wait in line for water |
Rescue workers search the rubble | Supporters cheer | Voters cast their ballots |
Workers clear debris | Fans celebrate | Police officers stand guard | Children play
""")
HANDOUT_ORGS = phrases("""
Roscongress Foundation | Ukrainian Presidential Press Office | U.S. Navy | Israel Defense Forces |
NASA | National Park Service | California Department of Forestry and Fire Protection |
Japan Coast Guard | Philippine Coast Guard | U.S. Coast Guard | Office of the Governor |
Planet Labs PBC | Maxar Technologies | Ukrainian Emergency Service
""")
POOL_AGENCIES = phrases("Sputnik | Pool | AFP | Xinhua | EPA")
HUB_TOPICS = (
    ("the war", "russia-ukraine"),
    ("climate and the environment", "climate-and-environment"),
    ("the Israel-Hamas war", "israel-hamas-war"),
    ("immigration", "immigration"),
    ("the elections", "election-2024"),
    ("the Supreme Court", "us-supreme-court"),
    ("artificial intelligence", "artificial-intelligence"),
    ("hurricanes", "hurricanes"),
    ("wildfires", "wildfires"),
    ("the economy", "economy"),
    ("college football", "college-football"),
    ("the NFL", "nfl"),
)
LINK_DOMAINS = phrases("""
www.supremecourt.gov | www.cdc.gov | www.whitehouse.gov | www.census.gov | www.noaa.gov |
www.un.org | www.sec.gov | www.federalreserve.gov | www.who.int | www.congress.gov
""")
LINK_PATHS = phrases("reports | opinions | data | news | press-releases | documents | briefings")
REC_HEADINGS = ("Recommended for You", "More for You", "Related", "Read more")
REC_HEADING_WEIGHTS = (0.5, 0.25, 0.15, 0.1)
CATEGORIES = ("News", "Sports", "Entertainment", "Money", "Lifestyle", "Video")
# Categories in their shares (60 % News ...): a plain choice is faster than a weighted one.
CATEGORY_DRAW = ("News",) * 12 + ("Sports",) * 3 + ("Entertainment",) * 2 + CATEGORIES[3:]

SENTENCE_TEMPLATES = phrases("""
{P}, a spokesperson for {O}, said the {T} would take effect in {M}. |
“{Q},” {P} told reporters in {C} on {D}. |
{O_} did not immediately respond to a request for comment. |
The decision comes {N} weeks after {O} announced the {T}. |
Officials in {C} said at least {N2} people had been affected by {D} evening. |
{L} has repeatedly criticized the {T}, calling it “{SQ}.” |
According to figures released by {O}, {PCT}% of respondents said they supported the {T}. |
The measure passed {V1}-{V2} and now heads to the governor’s desk. |
Critics argue the {T} will hurt {G}, while supporters say it is long overdue. |
In a statement, {O} said it was “{Q}” and would review the {T}. |
{P}, who has worked on the issue for years, said the change came after {E}. |
It was not immediately clear when {O} would make a final decision. |
Shares of the company rose {PCT}% in early trading on {D}. |
Temperatures reached {DEG} degrees in parts of {ST} on {D}, forecasters said. |
Polls show voters in {ST} are split on the {T}. |
{TEAM_} has won {N} of its last {N3} games. |
{P} scored {N3} points and added {N} rebounds in the win. |
"{Q}," {L} said. "We're going to keep working." |
The {T} has drawn sharp criticism from {G} across {ST}. |
Lawyers for {P} said they planned to appeal the ruling. |
The agency said it had received more than {N4} complaints since {M}. |
{O_} officials have warned that {I} could get worse in the coming months. |
The {T} is expected to cost about ${N} billion over {N3} years, according to {O}. |
Residents of {C} said they were worried about {I}. |
{P}, {AGE}, of {C}, said she had waited {N} hours to get help. |
The last time {O} took such a step was in {YEAR}. |
Neither side would say how long the talks might last. |
{L} is scheduled to speak in {C} on {D}. |
The group said it would hold a news conference in {C} later this week. |
“It’s not over,” said {P}, a {OCC} from {C}. |
About {N2} people gathered outside the courthouse in {C} on {D} night. |
The report, released {D}, found that {PCT}% of schools in {ST} lacked enough staff. |
The project will cost ${N}\u00a0million and is due to open in {YEAR}. |
Sales fell {PCT}% in the third quarter, the company said. |
A federal judge in {C} temporarily blocked the {T} last month. |
{P} did not return messages seeking comment. |
It’s the {ORD} time this year that {O} has raised concerns about {I}. |
Forecasters said {I} was likely to continue into the weekend. |
The {T} was first proposed {N}½ years ago, but it stalled amid {I}. |
Asked about the {T}, {L} said: “{Q}.” |
The dispute has dragged on since {M} {YEAR}, when {E} left {G} without answers. |
Emergency crews worked through the night in {C}, where {I} had already strained resources. |
{G_} in {ST} said they would push for changes to the {T} when lawmakers return in {M}. |
Data from {O} shows the number of cases rose by {PCT}% compared with last year. |
That's a big change from {YEAR}, when the state's budget had a surplus. |
"{Q}," said {P}, who lives in {C}.
""")
URL_SENTENCES = phrases("""
The full report is available at https://{DOM}/{LP}/{SLUG}. |
Read the ruling here: https://{DOM}/{LP}/{SLUG} |
More details were posted at https://{DOM}/{LP}/{SLUG} on {D}.
""")

ORDINALS = ("second", "third", "fourth", "fifth", "sixth")
COOKIE_SITES = ("this site", "our website", "AP News", "Yahoo", "MSN", "the publisher")
HTML_ERRORS = (
    ("404 Not Found", "Not Found", "The requested URL was not found on this server."),
    ("403 Forbidden", "Forbidden", "You don't have permission to access this resource."),
    ("503 Service Unavailable", "Service Unavailable", "The server is temporarily busy."),
    ("502 Bad Gateway", "Bad Gateway", "The proxy server received an invalid response."),
    ("Access Denied", "Access Denied", "You don't have permission to access this page."),
    ("500 Internal Server Error", "Internal Server Error", "Please try again later."),
)
BINARY_MAGIC = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01",
    b"PK\x03\x04\x14\x00\x06\x00",
    b"\x00\x00\x00\x18ftypmp42",
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
)
WHITESPACE_ONLY = ("\n", "\n\n", "   \n", "\t\n", "\u00a0\n", " \r\n")

# Dumps captured with "smart quotes" off.
STRAIGHT_QUOTES = (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'))
# Typography that Latin-1 cannot encode, and what a Latin-1 CMS shows instead.
LATIN1_SAFE = (*STRAIGHT_QUOTES, ("—", "-"), ("–", "-"), ("…", "..."))

# Runs of characters that are not lowercase ASCII letters or digits:
# "Putin's 'legitimate targets'" -> "putin-s-legitimate-targets"
SLUG_SEPARATORS = re.compile(r"[^a-z0-9]+")


# ---------------------------------------------------------------------------
# Results


@dataclass(slots=True)
class CorpusStats:
    """What a generated corpus holds, so a benchmark can check what was loaded."""

    files: int = 0
    good: int = 0  # distinct articles (one article_id each)
    recaptures: int = 0  # same title + publisher as a good one, other body
    duplicates: int = 0  # byte-identical copies of a good one under another name
    bad: dict[str, int] = field(default_factory=dict)  # bad kind -> files
    encodings: dict[str, int] = field(default_factory=dict)  # over article files
    gz: int = 0
    total_bytes: int = 0
    seconds: float = 0.0
    # relative POSIX path -> "good", "recapture", "duplicate" or "bad:<kind>"
    manifest: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def bad_total(self) -> int:
        return sum(self.bad.values())

    @property
    def bad_by_reason(self) -> dict[str, int]:
        """Bad files per expected quarantine reason code."""
        reasons: Counter[str] = Counter()
        for kind, count in self.bad.items():
            reasons[BAD_KIND_REASON[kind]] += count
        return dict(sorted(reasons.items()))

    def summary(self) -> str:
        bad = "".join(f", {k} {v}" for k, v in sorted(self.bad.items()))
        return (
            f"{self.files} files, {self.total_bytes / 1e6:.1f} MB in {self.seconds:.1f} s "
            f"(good {self.good}, recaptures {self.recaptures}, duplicates {self.duplicates}, "
            f"gz {self.gz}, bad {self.bad_total}{bad})"
        )


@dataclass(frozen=True, slots=True)
class Config:
    """Everything that decides the corpus bytes; workers rebuild the plan from it."""

    n: int
    seed: int
    bad_rate: float
    dup_rate: float
    recapture_rate: float
    with_oversized: bool

    @property
    def span_days(self) -> int:
        return max(MIN_SPAN_DAYS, self.n // FILES_PER_DAY)


@dataclass(frozen=True, slots=True)
class Head:
    """The identity of an article: what a re-capture or a duplicate shares with it."""

    publisher: str
    day: int  # days after START_DATE
    title: str
    subject: str
    encoding: str


# ---------------------------------------------------------------------------
# Plan: which index is which kind of file


def plan_corpus(cfg: Config) -> list[tuple[str, int]]:
    """(kind, source index) per file; source is -1 unless the file copies another."""
    rng = random.Random(f"plan/{cfg.seed}")
    n_bad = round(cfg.n * cfg.bad_rate)
    n_dup = round(cfg.n * cfg.dup_rate)
    n_recap = round(cfg.n * cfg.recapture_rate)
    n_over = OVERSIZED_FILES if cfg.with_oversized else 0
    special = n_bad + n_over + n_dup + n_recap
    if special >= cfg.n:
        raise ValueError(f"rates leave no good dumps for n={cfg.n}")
    chosen = rng.sample(range(cfg.n), special)
    plan: list[tuple[str, int]] = [("good", -1)] * cfg.n
    bad_idx = chosen[:n_bad]
    for k, i in enumerate(bad_idx):
        plan[i] = (f"bad:{BAD_KINDS[k % len(BAD_KINDS)]}", -1)
    for i in chosen[n_bad : n_bad + n_over]:
        plan[i] = ("bad:oversized", -1)
    copies = chosen[n_bad + n_over :]
    for i in copies:
        plan[i] = ("copy", -1)
    good = [i for i, (kind, _) in enumerate(plan) if kind == "good"]
    for k, i in enumerate(copies):
        plan[i] = ("duplicate" if k < n_dup else "recapture", rng.choice(good))
    return plan


def file_rng(seed: int, index: int) -> random.Random:
    """One stream per file, so any file can be rebuilt alone (by a worker or a copy)."""
    return random.Random(f"{seed}/{index}")


# ---------------------------------------------------------------------------
# Pools that depend on the seed (built once per process and seed)


@dataclass(frozen=True, slots=True)
class Pools:
    """Text drawn whole per dump: picking finished paragraphs is what keeps generation fast."""

    sentences: tuple[str, ...]
    paragraphs: tuple[str, ...]  # 1-3 sentences each
    paragraph_chars: int  # mean length of a paragraph
    cards: tuple[tuple[str, str], ...]  # (title, publisher) of recommendation cards


@lru_cache(maxsize=4)
def seeded_pools(seed: int) -> Pools:
    rng = random.Random(f"pools/{seed}")
    sentences = tuple(
        fill_sentence(rng, rng.choice(SENTENCE_TEMPLATES)) for _ in range(SENTENCE_POOL)
    )
    sizes = rng.choices((1, 2, 3), (0.35, 0.5, 0.15), k=PARAGRAPH_POOL)
    paragraphs = tuple(" ".join(rng.choices(sentences, k=k)) for k in sizes)
    cards = tuple(
        (make_title(rng)[0], rng.choices(PUBLISHER_NAMES, PUBLISHER_WEIGHTS)[0])
        for _ in range(CARD_POOL)
    )
    mean = sum(map(len, paragraphs)) // len(paragraphs)
    return Pools(sentences, paragraphs, mean, cards)


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def place_name(place: tuple[str, str]) -> str:
    """`("KYIV", "Ukraine")` -> `Kyiv, Ukraine` as written in running text."""
    city, region = place
    return f"{city.title()}, {region}" if region else city.title()


def fill_sentence(rng: random.Random, template: str) -> str:
    org = rng.choice(ORGS)
    group = rng.choice(GROUPS)
    team = rng.choice(TEAMS)
    votes = rng.randint(20, 90)
    return fill(
        template,
        P=person(rng),
        L=rng.choice(LAST),
        O=org,
        O_=cap(org),
        G=group,
        G_=cap(group),
        C=place_name(rng.choice(PLACES)),
        ST=rng.choice(STATES),
        D=rng.choice(WEEKDAYS),
        M=rng.choice(MONTHS),
        T=f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}",
        Q=rng.choice(QUOTES),
        SQ=rng.choice(SHORT_QUOTES),
        E=rng.choice(EVENTS),
        I=rng.choice(ISSUES),
        N=rng.randint(2, 12),
        N2=rng.randint(20, 900),
        N3=rng.randint(10, 40),
        N4=f"{rng.randint(1, 90) * 100:,}",
        PCT=rng.randint(3, 78),
        V1=votes + rng.randint(1, 20),
        V2=votes,
        DEG=rng.randint(95, 118),
        TEAM_=cap(team),
        AGE=rng.randint(19, 88),
        YEAR=rng.randint(1998, 2023),
        OCC=rng.choice(OCCUPATIONS),
        ORD=rng.choice(ORDINALS),
    )


def fill(template: str, **slots: object) -> str:
    """Format, then drop the doubled period after an abbreviation (`Fla..`)."""
    return template.format(**slots).replace("..", ".")


# ---------------------------------------------------------------------------
# Titles


def make_subject(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.4:
        return person(rng)
    if r < 0.65:
        return f"{rng.choice(ROLES)} {rng.choice(LAST)}"
    if r < 0.8:
        return rng.choice(ORGS)
    return f"{rng.choice(STATES)} {rng.choice(GROUPS)}"


def make_object(rng: random.Random) -> str:
    return f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"


def make_tail(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.25:
        return ""
    if r < 0.45:
        return f" after {rng.choice(EVENTS)}"
    if r < 0.65:
        return f" amid {rng.choice(ISSUES)}"
    if r < 0.8:
        return f" in {place_name(rng.choice(PLACES))}"
    if r < 0.9:
        return f" ahead of {rng.choice(EVENTS)}"
    return f" despite {rng.choice(ISSUES)}"


def make_title(rng: random.Random) -> tuple[str, str]:
    """A headline and the subject the lead paragraph can reuse."""
    r = rng.random()
    subject = make_subject(rng)
    if r < 0.55:
        title = f"{subject} {rng.choice(VERBS)} {make_object(rng)}{make_tail(rng)}"
    elif r < 0.67:
        rank = f"No. {rng.randint(1, 25)} " if rng.random() < 0.6 else ""
        win, lose = rng.randint(14, 70), rng.randint(0, 13)
        tail = rng.choice(SPORTS_TAILS) if rng.random() < 0.5 else f"behind {person(rng)}"
        subject = rng.choice(TEAMS)
        title = cap(f"{rank}{subject} {rng.choice(BEATS)} {rng.choice(TEAMS)} {win}-{lose} {tail}")
    elif r < 0.77:
        place = place_name(rng.choice(PLACES))
        title = (
            f"{rng.randint(2, 60)} {rng.choice(CASUALTIES)} as {rng.choice(DISASTERS)} "
            f"{rng.choice(HITS)} {place}{make_tail(rng) or ', officials say'}"
        )
        subject = f"Officials in {place}"
    elif r < 0.9:
        q = rng.choice(SHORT_QUOTES)
        q = f"‘{q}’" if rng.random() < 0.6 else f"'{q}'"
        title = f"{subject} calls {make_object(rng)} {q}{make_tail(rng)}"
    else:
        title = f"What to know as {subject} {rng.choice(VERBS)} {make_object(rng)}"
    return cap(title), cap(subject)


def article_head(cfg: Config, index: int) -> tuple[Head, random.Random]:
    """The identity of file `index`, and its stream positioned for the rest."""
    rng = file_rng(cfg.seed, index)
    publisher = rng.choices(PUBLISHER_NAMES, PUBLISHER_WEIGHTS)[0]
    day = rng.randrange(cfg.span_days)
    title, subject = make_title(rng)
    encoding = rng.choices(ENCODINGS, ENCODING_WEIGHTS)[0]
    return Head(publisher, day, title, subject, encoding), rng


# ---------------------------------------------------------------------------
# Article text


def target_size(rng: random.Random) -> int:
    """Characters to aim for: mostly 4-8 KB, a tail up to ~14 KB, a few near 3 KB."""
    r = rng.random()
    if r < 0.72:
        return rng.randint(4200, 7800)
    if r < 0.84:
        return rng.randint(3300, 4200)
    return 8000 + int(5600 * rng.random() ** 2)


def is_dst(d: date) -> bool:
    return date(d.year, 3, 10) <= d < date(d.year, 11, 3)


def ap_date(d: date) -> str:
    """`Sept. 5, 2025`, the AP style used in captions."""
    return f"{AP_MONTHS[d.month - 1]} {d.day}, {d.year}"


def clock12(t: datetime) -> tuple[int, str]:
    return (t.hour % 12 or 12), ("AM" if t.hour < 12 else "PM")


def timestamp_lines(rng: random.Random, publisher: str, day: date) -> list[str]:
    """Published/updated lines in one of the four printed forms, or none."""
    if rng.random() < 0.18:
        return []
    tz = "EDT" if is_dst(day) else "EST"
    published = datetime(day.year, day.month, day.day, rng.randint(0, 19), rng.randint(0, 59))
    form = {"Los Angeles Times": 2, "UPI": 3}.get(publisher, 1)
    if publisher == "Reuters" and rng.random() < 0.4:
        form = 2
    h, ampm = clock12(published)
    if form == 2:
        meridiem = "a.m." if ampm == "AM" else "p.m."
        return [
            f"{MONTHS[day.month - 1]} {day.day}, {day.year} at {h}:{published.minute:02d} "
            f"{meridiem} {tz}"
        ]
    if form == 3:
        return [f"{day.month:02d}/{day.day:02d}/{day.year} {h:02d}:{published.minute:02d} {ampm}"]
    updated = published + timedelta(minutes=rng.randint(5, 240))
    uh, uampm = clock12(updated)
    pub_line = (
        f"Published {h}:{published.minute:02d} {ampm} {tz}, "
        f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
    )
    upd_line = (
        f"Updated {uh}:{updated.minute:02d} {uampm} {tz}, "
        f"{MONTHS[updated.month - 1]} {updated.day}, {updated.year}"
    )
    r = rng.random()
    if r < 0.4:
        return [pub_line, upd_line]
    if r < 0.7:
        return [upd_line]
    return [pub_line]


def byline(rng: random.Random, publisher: str) -> str | None:
    """One of the four byline forms of contract §1.1, or None."""
    if rng.random() < 0.22:
        return None
    names = [person(rng)] + ([person(rng)] if rng.random() < 0.25 else [])
    joined = " and ".join(names)
    if publisher in ("Reuters", "UPI"):
        return f"By {joined}" if rng.random() < 0.6 else f"Story by {names[0]}"
    r = rng.random()
    if r < 0.35:
        return f"By {joined.upper()}".replace(" AND ", " and ")
    if r < 0.55:
        return f"By {names[0]}, Associated Press"
    if r < 0.8:
        return f"Story by {names[0]}"
    return f"By {names[0].upper()} Associated Press"


def dateline_prefix(rng: random.Random, publisher: str) -> str:
    """`KYIV, Ukraine (AP) — `, `WASHINGTON (Reuters) - `, `LOS ANGELES — ` or nothing."""
    if rng.random() < 0.3:
        return ""
    city, region = rng.choice(PLACES)
    where = f"{city}, {region}" if region else city
    if publisher == "Reuters":
        return f"{where} (Reuters) - "
    if publisher == "AP News" or (publisher in AP_SYNDICATORS and rng.random() < 0.5):
        return f"{where} (AP) — "
    return f"{where} — "


def photo_credit(rng: random.Random, publisher: str, handout: bool, file_photo: bool) -> str:
    """A credit as printed, without parentheses."""
    if handout:
        org = rng.choice(HANDOUT_ORGS)
        return f"{person(rng)}/{org} via AP" if rng.random() < 0.5 else f"{org} via AP"
    if publisher == "Reuters":
        return "Reuters" if rng.random() < 0.5 else f"{person(rng)}/Reuters"
    r = rng.random() if publisher == "AP News" else rng.random() * 1.25
    if r < 0.6:
        return f"AP Photo/{person(rng)}" + (", File" if file_photo else "")
    if r < 0.7:
        return "AP Photo"
    if r < 0.8:
        agency = rng.choice(POOL_AGENCIES)
        return f"{person(rng)}, {agency}, Kremlin Pool Photo via AP"
    if r < 1.0:
        return f"Photo by {person(rng)}/Getty Images"
    if r < 1.12:
        return f"{person(rng)}/Reuters"
    return "Reuters"


def caption(rng: random.Random, publisher: str, day: date) -> str:
    """A caption closed by its credit, in parentheses or on its own line."""
    r = rng.random()
    file_photo, handout = r < 0.12, 0.12 <= r < 0.24
    if rng.random() < 0.75:
        who = f"{cap(rng.choice(ROLES))} {person(rng)}" if rng.random() < 0.5 else person(rng)
        what = f"{who} {rng.choice(CAPTION_ACTIONS)}"
    else:
        what = rng.choice(CAPTION_GROUPS)
    shot = day - timedelta(days=rng.randint(200, 2000) if file_photo else rng.randint(0, 1))
    place = place_name(rng.choice(PLACES))
    if rng.random() < 0.8:
        text = f"{what} in {place}, {WEEKDAYS[shot.weekday()]}, {ap_date(shot)}."
    else:
        text = f"{what} in {place}."
    if file_photo:
        text = f"FILE - {text}"
    elif handout:
        org = rng.choice(HANDOUT_ORGS)
        text = (
            f"In this photo released by the {org}, {text}"
            if rng.random() < 0.5
            else f"In this handout photo provided by {org}, {text}"
        )
    credit = photo_credit(rng, publisher, handout, file_photo)
    if credit.endswith("/Reuters") and rng.random() < 0.8:
        return f"{text}\n{credit}"
    if rng.random() < 0.05:
        return f"{text} ( {credit})"
    return f"{text} ({credit})"


def footer_lines(rng: random.Random, publisher: str) -> list[str]:
    """Lines after `___`: contributors, hub links, other links; empty when no footer."""
    if publisher == "Reuters":
        if rng.random() < 0.3:
            return [
                f"Reporting by {person(rng)} in {rng.choice(PLACES)[0].title()}; "
                f"Editing by {person(rng)}"
            ]
        return []
    if rng.random() > (0.65 if publisher == "AP News" else 0.25):
        return []
    lines = []
    if rng.random() < 0.6:
        if rng.random() < 0.5:
            lines.append(
                f"Associated Press writer {person(rng)} in "
                f"{place_name(rng.choice(PLACES))} contributed to this report."
            )
        else:
            first, second = rng.choice(PLACES)[0].title(), rng.choice(PLACES)[0].title()
            lines.append(
                f"Associated Press writers {person(rng)} in {first} and "
                f"{person(rng)} in {second} contributed."
            )
    if rng.random() < 0.6:
        topic, slug = rng.choice(HUB_TOPICS)
        lines.append(f"Follow the AP’s coverage of {topic} at https://apnews.com/hub/{slug}")
    if rng.random() < 0.2:
        lines.append(
            f"Read more of AP’s coverage: https://apnews.com/article/{rng.getrandbits(64):016x}"
        )
    return lines or [
        f"This story has been corrected to show that {person(rng)} is a {rng.choice(OCCUPATIONS)}."
    ]


def recommendations(rng: random.Random, pools: Pools, min_cards: int = 0) -> str | None:
    """A heading and 3-15 cards laid out like the sample (category line runs into the next card)."""
    if min_cards == 0 and rng.random() < 0.15:
        return None
    heading = rng.choices(REC_HEADINGS, REC_HEADING_WEIGHTS)[0]
    count = rng.randint(max(3, min_cards), 15)
    repeat = rng.random()  # < 0.7 always, < 0.85 never, else per card
    with_category = rng.random()  # < 0.75 always, < 0.9 never, else per card
    cards = rng.choices(pools.cards, k=count)
    categories = rng.choices(CATEGORY_DRAW, k=count)
    parts: list[str] = []
    for (title, publisher), category in zip(cards, categories, strict=True):
        card = f"{title}\n{publisher}"
        if repeat < 0.7 or (repeat >= 0.85 and rng.random() < 0.5):
            card += f"\n\n{title}"
        if with_category < 0.75 or (with_category >= 0.9 and rng.random() < 0.5):
            card += f"\n\n{category}\n"
        else:
            card += "\n\n"
        parts.append(card)
    return f"{heading}\n\n" + "".join(parts).rstrip("\n")


def body_paragraphs(
    rng: random.Random, pools: Pools, head: Head, day: date, budget: int
) -> list[str]:
    """Lead paragraph (with dateline) plus pool paragraphs until `budget` characters."""
    lead = (
        f"{dateline_prefix(rng, head.publisher)}{head.subject} said {WEEKDAYS[day.weekday()]} "
        f"that the {make_object(rng)} {rng.choice(OUTCOMES)}{make_tail(rng)}."
    )
    paras = [lead]
    size = len(lead)
    # One bulk draw (a few paragraphs too many), then keep what the budget needs.
    drawn = rng.choices(pools.paragraphs, k=max(budget, 0) // pools.paragraph_chars + 6)
    for para in drawn:
        if size >= budget and len(paras) >= 3:
            break
        paras.append(para)
        size += len(para) + 2
    while size < budget or len(paras) < 3:  # an unlucky draw of short paragraphs
        para = rng.choice(pools.paragraphs)
        paras.append(para)
        size += len(para) + 2
    if rng.random() < 0.08:
        template = rng.choice(URL_SENTENCES)
        slug = slugify(make_object(rng))
        url_line = template.format(
            DOM=rng.choice(LINK_DOMAINS),
            LP=rng.choice(LINK_PATHS),
            SLUG=slug,
            D=rng.choice(WEEKDAYS),
        )
        paras.insert(rng.randint(1, len(paras) - 1), url_line)
    return paras


def article_text(rng: random.Random, pools: Pools, head: Head) -> str:
    """A whole dump in the layout of contract §1.1, sized to a realistic page."""
    day = START_DATE + timedelta(days=head.day)
    title, publisher = head.title, head.publisher
    top = [f"{title}\n{publisher}"]
    if rng.random() < 0.85:
        top.append(title)
    if rng.random() < 0.8:
        dek = (
            f"{head.subject} {rng.choice(('says', 'said', 'warns', 'argues'))} the "
            f"{make_object(rng)} {rng.choice(OUTCOMES)}"
        )
        top.append(dek + ("." if rng.random() < 0.4 else ""))
    n_captions = rng.choices((0, 1, 2, 3, 4, 5), (0.12, 0.3, 0.25, 0.17, 0.1, 0.06))[0]
    captions = [caption(rng, publisher, day) for _ in range(n_captions)]
    where = [rng.choices(("before", "inside", "after"), (0.5, 0.3, 0.2))[0] for _ in captions]
    lead_caps = [c for c, w in zip(captions, where, strict=True) if w == "before"]
    header = [b for b in (byline(rng, publisher),) if b]
    stamps = timestamp_lines(rng, publisher, day)
    if stamps:
        header += ["\n".join(stamps)] if rng.random() < 0.5 else stamps
    top += header + lead_caps if rng.random() < 0.5 else lead_caps + header
    bottom: list[str] = []
    footer = footer_lines(rng, publisher)
    if footer:
        bottom += ["___", *footer]
    bottom += [c for c, w in zip(captions, where, strict=True) if w == "after"]
    recs = recommendations(rng, pools)
    if recs:
        bottom.append(recs)
    inside = [c for c, w in zip(captions, where, strict=True) if w == "inside"]
    fixed = sum(len(b) + 2 for b in top + bottom + inside)
    paras = body_paragraphs(rng, pools, head, day, target_size(rng) - fixed)
    for c in inside:
        paras.insert(rng.randint(1, len(paras)), c)
    blocks = top + paras + bottom
    for i in rng.sample(range(len(blocks) - 1), len(blocks) // 10):
        blocks[i] += "\n"  # two blank lines instead of one, as after the sample's lead caption
    text = "\n\n".join(blocks) + ("\n" if rng.random() < 0.5 else "")
    if rng.random() < 0.2:
        text = replaced(text, STRAIGHT_QUOTES)
    return text


def replaced(text: str, pairs: Iterable[tuple[str, str]]) -> str:
    """Character substitution; chained str.replace is ~50x faster than str.translate here."""
    for old, new in pairs:
        text = text.replace(old, new)
    return text


def slugify(text: str) -> str:
    slug = SLUG_SEPARATORS.sub("-", text.lower()).strip("-")[:60].rstrip("-")
    return slug or "page"


# ---------------------------------------------------------------------------
# Encoding and bad files


def encode(text: str, encoding: str) -> bytes:
    """The bytes a scraper would have saved for `text` in the given encoding kind."""
    if encoding == "utf8":
        return text.encode("utf-8")
    if encoding == "utf8_bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if encoding == "crlf":
        return text.replace("\n", "\r\n").encode("utf-8")
    if encoding == "cp1252":
        return text.encode("cp1252")
    if encoding == "latin1":
        return replaced(text, LATIN1_SAFE).encode("latin-1")
    if encoding == "gz":
        return gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)
    raise ValueError(f"unknown encoding kind {encoding!r}")


def plain_size(data: bytes, encoding: str) -> int:
    return len(gzip.decompress(data)) if encoding == "gz" else len(data)


def article_bytes(cfg: Config, index: int) -> tuple[Head, bytes]:
    """Bytes of the good article at `index` (also what its duplicates copy)."""
    head, rng = article_head(cfg, index)
    return head, fitted_bytes(rng, seeded_pools(cfg.seed), head)


def fitted_bytes(rng: random.Random, pools: Pools, head: Head) -> bytes:
    """Encode the article; in the rare case multi-byte characters push it over the
    size range, drop trailing blocks until it fits."""
    text = article_text(rng, pools, head)
    data = encode(text, head.encoding)
    while plain_size(data, head.encoding) > MAX_GOOD_BYTES:
        text = text[: text.rindex("\n\n", 0, len(text) - 1)]
        data = encode(text, head.encoding)
    return data


def bad_bytes(kind: str, rng: random.Random, pools: Pools, head: Head) -> bytes:
    """A file that is not an article, of one of the contract §1.2 kinds."""
    if kind == "empty":  # zero bytes, or only whitespace
        if rng.random() < 0.6:
            return b""
        return "".join(rng.choices(WHITESPACE_ONLY, k=rng.randint(1, 12))).encode("utf-8")
    if kind == "binary":
        return rng.choice(BINARY_MAGIC) + rng.randbytes(rng.randint(2000, 40000))
    if kind == "no_title":
        return headless(rng, pools, head).encode("utf-8")
    if kind == "recommendations_only":
        return (recommendations(rng, pools, min_cards=5) or "").encode("utf-8")
    if kind == "cookie_wall":
        return cookie_wall(rng).encode("utf-8")
    if kind == "html_error":
        return html_error(rng).encode("utf-8")
    if kind == "oversized":
        return oversized(rng, pools).encode("utf-8")
    raise ValueError(f"unknown bad kind {kind!r}")


def headless(rng: random.Random, pools: Pools, head: Head) -> str:
    """A capture that missed the headline: it opens on the publisher line, or on the
    byline / timestamps above the body."""
    if rng.random() < 0.5:
        return article_text(rng, pools, head).split("\n", 1)[1]
    day = START_DATE + timedelta(days=head.day)
    meta = [b for b in (byline(rng, head.publisher),) if b]
    meta += timestamp_lines(rng, head.publisher, day)
    meta = meta or [f"By {person(rng)}"]
    return "\n\n".join(meta + body_paragraphs(rng, pools, head, day, target_size(rng)))


def cookie_wall(rng: random.Random) -> str:
    site = rng.choice(COOKIE_SITES)
    partners = rng.randint(120, 1600)
    return (
        "We value your privacy\n\n"
        f"We and our {partners:,} partners store and/or access information on a device, such as "
        "cookies, and process personal data, such as unique identifiers and standard information "
        "sent by a device for personalised advertising and content, advertising and content "
        "measurement, audience research and services development.\n\n"
        f"With your permission {site} and our partners may use precise geolocation data and "
        "identification through device scanning. You may click to consent to our and our "
        "partners’ processing as described above. Alternatively you may access more detailed "
        "information and change your preferences before consenting or to refuse consenting.\n\n"
        "Accept all\nReject all\nManage privacy settings\n"
    )


def html_error(rng: random.Random) -> str:
    title, heading, message = rng.choice(HTML_ERRORS)
    ref = rng.getrandbits(48)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n</head>\n<body>\n<h1>{heading}</h1>\n<p>{message}</p>\n"
        f"<p>Reference #{ref:012x}</p>\n<hr><address>nginx</address>\n</body>\n</html>\n"
    )


def oversized(rng: random.Random, pools: Pools) -> str:
    """An article-looking dump just over the default size limit (a runaway capture)."""
    title, _ = make_title(rng)
    chunk = "\n\n".join(rng.choices(pools.sentences, k=200))
    reps = OVERSIZED_BYTES // len(chunk.encode("utf-8")) + 1
    return f"{title}\nAP News\n\n" + "\n\n".join([chunk] * reps)


# ---------------------------------------------------------------------------
# Paths and writing


def rel_path(publisher: str, day: int, slug: str, index: int, encoding: str) -> str:
    d = START_DATE + timedelta(days=day)
    ext = ".txt.gz" if encoding == "gz" else ".txt"
    return f"{PUBLISHER_FOLDER[publisher]}/{d.year}-{d.month:02d}/{d.day:02d}/{slug}-{index}{ext}"


def render(cfg: Config, plan: list[tuple[str, int]], index: int) -> tuple[str, str, str, bytes]:
    """(relative path, manifest kind, encoding kind or "", bytes) of file `index`."""
    kind, src = plan[index]
    pools = seeded_pools(cfg.seed)
    if kind == "good":
        head, data = article_bytes(cfg, index)
        day = head.day
    elif kind == "duplicate":  # the source's bytes, saved again a few days later
        head, data = article_bytes(cfg, src)
        day = head.day + file_rng(cfg.seed, index).randint(0, 3)
    elif kind == "recapture":  # the source's title and publisher, a body from its own stream
        source, _ = article_head(cfg, src)
        own, rng = article_head(cfg, index)
        day = source.day + rng.randint(1, 10)
        head = Head(source.publisher, day, source.title, source.subject, own.encoding)
        data = fitted_bytes(rng, pools, head)
    else:  # named like an article: the scraper thought it saved one
        head, rng = article_head(cfg, index)
        day = head.day
        data = bad_bytes(kind.removeprefix("bad:"), rng, pools, head)
        return rel_path(head.publisher, day, slugify(head.title), index, ""), kind, "", data
    path = rel_path(head.publisher, day, slugify(head.title), index, head.encoding)
    return path, kind, head.encoding, data


def write_range(
    root: Path, cfg: Config, plan: list[tuple[str, int]], indices: Iterable[int]
) -> CorpusStats:
    """Write files `indices`; returns their counts (merged by the caller)."""
    stats = CorpusStats()
    base = f"{root}{os.sep}"  # plain strings: pathlib joins cost as much as a write here
    made: set[str] = set()
    counts: Counter[str] = Counter()
    encodings: Counter[str] = Counter()
    for index in indices:
        path, kind, encoding, data = render(cfg, plan, index)
        folder = path.rpartition("/")[0]
        if folder not in made:
            os.makedirs(base + folder, exist_ok=True)
            made.add(folder)
        with open(base + path, "wb") as fh:
            fh.write(data)
        counts[kind] += 1
        if encoding:
            encodings[encoding] += 1
        stats.total_bytes += len(data)
        stats.manifest[path] = kind
    stats.files = sum(counts.values())
    stats.good = counts.pop("good", 0)
    stats.recaptures = counts.pop("recapture", 0)
    stats.duplicates = counts.pop("duplicate", 0)
    stats.bad = {k.removeprefix("bad:"): v for k, v in counts.items()}
    stats.encodings = dict(encodings)
    stats.gz = encodings["gz"]
    return stats


def merge(parts: Iterable[CorpusStats]) -> CorpusStats:
    total = CorpusStats()
    bad: Counter[str] = Counter()
    encodings: Counter[str] = Counter()
    for part in parts:
        total.files += part.files
        total.good += part.good
        total.recaptures += part.recaptures
        total.duplicates += part.duplicates
        total.gz += part.gz
        total.total_bytes += part.total_bytes
        bad.update(part.bad)
        encodings.update(part.encodings)
        total.manifest.update(part.manifest)
    total.bad = dict(sorted(bad.items()))
    total.encodings = {k: encodings[k] for k in ENCODINGS if encodings[k]}
    return total


# Per-process state of pool workers (set once by `init_worker`).
_WORKER: dict[str, object] = {}


def init_worker(root: Path, cfg: Config) -> None:
    _WORKER.update(root=root, cfg=cfg, plan=plan_corpus(cfg))


def write_chunk(bounds: tuple[int, int]) -> CorpusStats:
    root, cfg, plan = _WORKER["root"], _WORKER["cfg"], _WORKER["plan"]
    assert isinstance(root, Path) and isinstance(cfg, Config) and isinstance(plan, list)
    return write_range(root, cfg, plan, range(*bounds))


def default_workers(n: int) -> int:
    return 1 if n < SERIAL_BELOW else max(1, min(os.cpu_count() or 1, 8))


def generate_corpus(
    n: int,
    root: Path,
    seed: int = 0,
    bad_rate: float = 0.01,
    dup_rate: float = 0.01,
    *,
    recapture_rate: float = RECAPTURE_RATE,
    with_oversized: bool = False,
    workers: int | None = None,
    overwrite: bool = False,
) -> CorpusStats:
    """Write `n` dumps under `root`; the output depends only on the arguments before `*`
    (and `recapture_rate`, `with_oversized`), never on `workers`."""
    root = Path(root)
    if not overwrite and root.exists() and any(root.iterdir()):
        raise FileExistsError(f"{root} is not empty (pass overwrite=True / --force)")
    root.mkdir(parents=True, exist_ok=True)
    cfg = Config(n, seed, bad_rate, dup_rate, recapture_rate, with_oversized)
    started = time.perf_counter()
    workers = default_workers(n) if workers is None else workers
    bounds = [(lo, min(lo + CHUNK, n)) for lo in range(0, n, CHUNK)]
    if workers <= 1 or "fork" not in get_all_start_methods():
        plan = plan_corpus(cfg)
        stats = merge(write_range(root, cfg, plan, range(lo, hi)) for lo, hi in bounds)
    else:
        with get_context("fork").Pool(workers, init_worker, (root, cfg)) as pool:
            stats = merge(pool.imap(write_chunk, bounds))
    stats.seconds = time.perf_counter() - started
    return stats


# ---------------------------------------------------------------------------
# Command line


def rate(text: str) -> float:
    value = float(text)
    if not 0 <= value < 0.5:
        raise argparse.ArgumentTypeError("a rate is a fraction between 0 and 0.5")
    return value


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of files to write")
    parser.add_argument("dir", type=Path, help="folder to write into (must be empty)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--bad-rate", type=rate, default=0.01, help="share of bad inputs")
    parser.add_argument(
        "--dup-rate", type=rate, default=0.01, help="share of byte-identical duplicates"
    )
    parser.add_argument(
        "--recapture-rate",
        type=rate,
        default=RECAPTURE_RATE,
        help="share of re-captures (same title and publisher, new body)",
    )
    parser.add_argument(
        "--with-oversized",
        action="store_true",
        help=f"add {OVERSIZED_FILES} files over the 10 MiB default limit",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes (default: all cores; output does not depend on it)",
    )
    parser.add_argument("--force", action="store_true", help="write into a non-empty folder")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    stats = generate_corpus(
        args.n,
        args.dir,
        args.seed,
        args.bad_rate,
        args.dup_rate,
        recapture_rate=args.recapture_rate,
        with_oversized=args.with_oversized,
        workers=args.workers,
        overwrite=args.force,
    )
    print(f"{args.dir}: {stats.summary()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
