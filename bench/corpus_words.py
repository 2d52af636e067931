"""The word and phrase pools the corpus generator draws its text from (data only).

Part of the corpus generator (bench/make_corpus.py, the entry point). It exists
because the pools are long lists of names, places, phrases and sentence
templates: kept in their own module, the code that uses them stays readable.
"""

from __future__ import annotations

import re

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
