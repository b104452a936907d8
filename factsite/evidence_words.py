"""The words the evidence checks look for (SPEC section 6): number words, month and
weekday names, hedges, negations, reporting verbs, and the common words that may
begin a sentence without being a name. Data only; `evidence` uses it.
"""

from __future__ import annotations

# --- numbers -------------------------------------------------------------------

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}
# (beyond SPEC's floor: the tens, and "twenty-five")
TENS = {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
DOZEN = 12

# --- dates ---------------------------------------------------------------------

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# abbreviations in a source stand for the full name ("Dec. 10")
MONTH_ABBREVIATIONS = {m[:3]: m for m in MONTHS} | {"sept": "september"}
WEEKDAY_ABBREVIATIONS = {d[:3]: d for d in WEEKDAYS}

# --- hedges ----------------------------------------------------------------------

HEDGE_WORDS = frozenset({
    "may", "might", "could", "would", "reportedly", "allegedly", "apparently", "possibly", "probably",
    "likely", "unlikely", "unconfirmed",
})
# "expected to", "plans to" ...: the first word in any form, then "to"
HEDGE_BEFORE_TO = frozenset({
    "expected", "expect", "expects", "plans", "plan", "planned", "planning", "aims", "aim", "aimed", "aiming",
    "seeks", "seek", "sought", "seeking", "hopes", "hope", "hoped", "hoping",
})

# --- negations -------------------------------------------------------------------

NEGATIONS = frozenset({"not", "no", "never", "nor", "neither", "none", "nothing", "nobody", "without", "cannot"})

# --- reporting -------------------------------------------------------------------


def _forms(*verbs: str) -> frozenset:
    """Every form of regular-ish verbs given as 'base/third/past/ing'."""
    out = set()
    for v in verbs:
        out.update(v.split("/"))
    return frozenset(out)


REPORTING_VERBS = _forms(
    "say/says/said/saying", "tell/tells/told/telling", "state/states/stated/stating",
    "add/adds/added/adding", "claim/claims/claimed/claiming", "allege/alleges/alleged/alleging",
    "announce/announces/announced/announcing", "suggest/suggests/suggested/suggesting",
    "report/reports/reported/reporting", "insist/insists/insisted/insisting", "argue/argues/argued/arguing",
    "warn/warns/warned/warning", "deny/denies/denied/denying", "describe/describes/described/describing",
    "accuse/accuses/accused/accusing",
)
ATTRIBUTING_VERBS = REPORTING_VERBS | _forms(
    "call/calls/called/calling", "urge/urges/urged/urging", "demand/demands/demanded/demanding",
    "ask/asks/asked/asking", "criticise/criticises/criticised/criticising",
    "criticize/criticizes/criticized/criticizing", "condemn/condemns/condemned/condemning",
    "note/notes/noted/noting", "quote/quotes/quoted/quoting", "cite/cites/cited/citing",
)

# --- names -----------------------------------------------------------------------

# lower-case words that may join the capitalised words of one name
NAME_JOINERS = frozenset({"of", "for", "the", "and", "al", "bin", "ibn", "de", "van", "von"})

# Words that begin sentences without being names (English). A sentence's first word
# is a name only when it is not one of these and the page never writes it in lower case.
COMMON_WORDS = frozenset("""
a about above according across after afterwards again against all almost alone along already also although
always am among amongst an and another any anyone anything anyway anywhere are around as at back be became
because become becomes been before beforehand behind being below beside besides between beyond both but by
can cannot could did do does doing done down during each early earlier either else elsewhere enough even
ever every everyone everything everywhere except few first for former formerly from further had has have
having he hence her here hers herself him himself his how however i if in indeed instead into is it its
itself just last later latter least less many may me meanwhile might more moreover most mostly much must my
myself namely neither never nevertheless next no nobody none noone nor not nothing now nowhere of off often
on once one only onto or other others otherwise our ours ourselves out over own per perhaps rather same
several she should since so some someone something sometime sometimes somewhere still such than that the
their theirs them themselves then there thereafter thereby therefore these they this those though through
throughout thus to together too toward towards under unless until up upon us very via was we well were what
whatever when whenever where whereas wherever whether which while who whoever whole whom whose why will with
within without would yet you your yours yourself yourselves
today yesterday tomorrow recently recent new old many most some two three four five six seven eight nine ten
both neither despite given following according asked asked unlike like amid amidst
report reports reporter reporters officials official sources source critics supporters leaders leader
government governments people several another other others such this these those one ones
""".split())

# --- the words the checks' patterns begin with --------------------------------------

NUMBER_WORDS = frozenset([*UNITS, *TENS, "dozen", *MULTIPLIERS])
HEDGE_ANY = HEDGE_WORDS | HEDGE_BEFORE_TO
REPORT_ANY = REPORTING_VERBS | {"according"}
ATTRIBUTE_ANY = ATTRIBUTING_VERBS | {"according"}
# a number may follow "a"/"an" ("a dozen"); "no one", "one another" are no numbers
PATTERN_STARTS = NUMBER_WORDS | HEDGE_ANY | REPORT_ANY | {"a", "an", "no", "one"}
