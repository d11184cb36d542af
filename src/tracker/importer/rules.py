"""The importer's language rules as data: cue words, annex markers, abbreviations and OCR repairs.

One table per language. `tracker.importer` holds no word of any language; to teach it a new cue
or a new OCR misreading, add it here. Phrases are matched case-insensitively on whole words; `…`
in a phrase stands for up to five words (`udtrykker … støtte` matches "udtrykker vores fulde
støtte"), and `*ing` for any word with that ending. Phrases are written with the letters the
corrected text has (`påtager`, not `patager`): OCR repairs run first.
"""

from __future__ import annotations

from typing import Any

LANGUAGES: tuple[str, ...] = ("en", "da", "es", "fr", "de")

# Lines that stand alone before the declaration proper in Council documents: the annex title.
ANNEX_MARKERS: tuple[str, ...] = ("ANNEX", "BILAG", "ANEXO", "ANNEXE", "ANHANG", "ALLEGATO")
# The first word of a heading that opens a further numbered sequence: an annex or appendix.
ANNEX_HEADINGS: frozenset[str] = frozenset(
    (*ANNEX_MARKERS, "APPENDIX", "ATTACHMENT", "ADDENDUM", "APPENDICE", "APÉNDICE", "ANLAGE")
)

# fmt: off
RULES: dict[str, dict[str, Any]] = {
    "en": {
        # Frequent short words: the language with most of them in a text is its language.
        "stopwords": [
            "the", "and", "of", "to", "in", "is", "are", "will", "with", "for", "that", "this",
            "on", "by", "be", "our", "we",
        ],
        # A paragraph that opens with one of these sets out context (UN-style participles).
        "preambular_openers": [
            "recognising", "recognizing", "noting", "welcoming", "recalling", "acknowledging",
            "bearing in mind", "aware", "conscious", "convinced", "considering", "concerned",
            "deeply concerned", "emphasising", "emphasizing", "stressing", "underlining",
            "reaffirming", "having", "taking note", "taking into account", "mindful",
            "highlighting", "affirming", "guided by", "whereas", "expressing", "thanking",
            "determined", "noting with concern", "building on", "we thank", "thanks to", "thank",
        ],
        # Words that open a paragraph without deciding its kind (cuts paragraphs apart).
        "openers": ["we welcome", "we,"],
        # The parties as the subject of a commitment after a participial opener.
        "we_commit": (
            "we|we all|the g\\d+|they|both leaders|the (?:two )?leaders|the ministers"
            "|our (?:\\w+ )?(?:nations|countries|governments)"
        ),
        # The verbs that open the operative paragraphs of a resolution, in the third person
        # ("Decides that …", "Requests the Secretary-General to …"), as its preamble opens with
        # participles ("Recalling …").
        "operative_openers": [
            "decides", "requests", "calls upon", "calls on", "urges", "endorses", "invites",
            "encourages", "recommends", "authorizes", "authorises", "approves", "adopts",
            "expresses", "resolves", "demands", "instructs", "welcomes", "notes", "takes note",
            "stresses", "emphasizes", "emphasises", "underlines", "reaffirms", "reiterates",
            "recognizes", "recognises", "acknowledges", "affirms", "condemns", "commends",
            "appeals", "declares", "proclaims", "supports", "agrees", "undertakes",
        ],
        # A commitment: the paragraph or sentence is operative.
        "operative": [
            "undertake to", "undertakes to", "undertook to", "agree to", "agrees to",
            "agreed to", "agree on the need to", "agreed on the need to", "commit to",
            "commits to", "committed to", "commit ourselves", "recommit ourselves", "recommit to",
            "recommitted to", "embark on", "embarked on", "are committed to",
            "pledge to", "pledged to", "pledges to", "will", "shall", "call for", "calls for",
            "call on", "calls on", "call upon", "called for", "called on", "resolve to",
            "resolved to", "decide to", "decided to", "are determined to", "intend to",
            "endeavour to", "endeavor to", "intend … to", "intends to", "we establish",
            "we hereby establish", "we launch", "we hereby launch", "express … commitment",
            "expressed … commitment",
            "supported the need to", "support the need to",
            # looking forward to an action of one's own, not to someone else's product
            "look forward to *ing", "look forward to further *ing",
            "encourage", "urge", "invite", "request", "instruct", "task", "we support",
            "reaffirm our commitment", "aim is to", "aims to", "we aim to",
            "remain ready to", "stand ready to",
            "are prepared to", "stand prepared to", "remain prepared to", "are ready to",
            "intent to", "intention to", "determination to", "seek to",
            "seeks to", "are dedicated to", "remain dedicated to",
            "express … support for", "expressed … support for", "voiced … support for",
            "invited … to", "urged … to", "requested … to", "encouraged … to",
            "reaffirm … commitment to", "affirm … commitment to", "reaffirmed … commitment to",
            "affirmed … commitment to", "reaffirm … support for", "reaffirmed … support for",
            "affirm … support for", "affirmed … support for", "reiterate … support for",
            "reiterated … support for", "keenness to", "readiness to", "willingness to",
            "committed … to", "plan to", "are working to", "are working together to",
            "we are increasing", "we are launching", "we are establishing", "we are strengthening",
            "we are expanding", "we are partnering", "we are inviting", "we are deepening",
            "we are calling on", "we are calling for", "we are collaborating", "calling for",
            "calling on", "calling upon", "intention of … to", "reaffirm … support to",
            "reaffirmed … support to", "reiterate … commitment to", "reiterated … commitment to",
            "steadfast in our commitment to", "stand together to", "stands ready to",
            "we are working … to", "are taking measures to", "are taking … action to",
            "reiterate … support to", "reiterated … support to",
            "emphasize … commitment to", "emphasized … commitment to", "stress … commitment to",
            "stressed … commitment to", "underline … commitment to", "underlined … commitment to",
            "are working jointly", "reaffirm … commitment … to", "reaffirmed … commitment … to",
            "we are investing", "we are announcing", "we are stepping up", "we are taking steps",
            "we are taking further steps",
        ],
        # What a thing (not the parties, not a known actor) `will` do is an effect foreseen, not
        # a pledge: "coordinating our efforts will allow …", "progress will enhance …".
        "effects": ["allow", "enable", "enhance", "help", "improve", "ensure", "contribute",
                    "reduce", "lower", "benefit", "be"],
        # Things made, not bodies that act: what one of them `will` do is foreseen, not pledged
        # ("The Agreement will build upon …"), unless it is the parties' own ("our approach").
        "instruments": [
            "agreement", "partnership", "initiative", "challenge", "framework", "programme",
            "program", "plan", "strategy", "approach", "methodology", "project", "fund",
            "facility", "campaign", "roadmap", "declaration", "statement", "investment",
            "dialogue", "summit", "event", "progress", "network", "platform", "tool",
            "guideline", "report", "study", "term",
        ],
        # Words that open a phrase before the subject ("At the summit, …"), not the subject.
        "prepositions": [
            "at", "in", "on", "through", "with", "under", "after", "before", "by", "for", "from",
            "during", "as", "following", "since", "to", "within", "without", "over", "beyond",
            "despite", "among", "upon", "like", "given", "consistent", "together", "building",
        ],
        "ours": ["our", "their"],
        # Adverbs between an auxiliary and its verb that change no kind ("we are also …").
        "neutral_adverbs": ["also", "now", "further", "still"],
        # Words before a noun: a one-word cue after one of them is a noun ("the task force", "the
        # will of the people"), not a verb.
        "determiners": ["the", "a", "an", "its", "their", "our", "his", "her"],
        # A pronoun that stands for a thing when it is the whole subject ("It will provide …").
        "thing_pronouns": ["it"],
        # Words after which a clause reports what others plan or what the parties hope others
        # will do: its cue words pledge nothing of the parties'.
        "reported": [
            "hope that", "hopeful that", "expect that", "believe that", "trust that",
            "confident that", "announcement that", "news that", "agree that", "agreed that",
        ],
        # A relative pronoun before a cue: the cue says what a thing does, not what is pledged.
        "relative": ["that", "which"],
        # The parties named between the subject and its verb ("We, the governments of A, B, and
        # C, recognize …"): the group is taken out so that the verb follows the subject.
        "apposition": (
            r"We(,?\s+the\s+(?:\S+\s+){0,3}?of\s+(?:(?:[A-Z][\w.’'-]*|and|the|of)[\s,]+)+)"
        ),
        # Phrases that hold an operative cue word yet commit to nothing: they outweigh it.
        "preambular": ["will gather", "will be recalled", "will recall"],
        # A quotation of one speaker is a position, not a joint pledge.
        "attribution": ["said", "says", "stated", "told", "added", "according to"],
        # Verbs that open an imperative action item under a chapeau ("1. Establish …").
        "actions": [
            "establish", "strengthen", "enhance", "promote", "support", "develop", "ensure",
            "set up", "share", "exchange", "increase", "improve", "step up", "continue",
            "combat", "fight", "prevent", "coordinate", "cooperate", "facilitate", "implement",
            "create", "launch", "reinforce", "intensify", "encourage", "provide", "foster",
            "organise", "organize", "hold", "meet", "review", "monitor", "adopt", "build",
            "dismantle", "enforce", "expand", "deepen", "explore", "identify", "work",
        ],
        # A chapeau that announces actions makes its items operative.
        "chapeau_actions": ["following actions", "following measures", "following steps",
                            "the following", "to this end", "in particular by"],
        "abbreviations": [
            "e.g.", "i.e.", "etc.", "mr.", "mrs.", "ms.", "dr.", "no.", "nos.", "art.",
            "tel.", "cf.", "vs.", "st.", "para.", "fig.", "approx.", "inc.", "ltd.", "jr.",
            "sr.", "u.s.", "u.k.", "e.u.",
        ],
        "months": [
            "january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december",
        ],
        "cover": ["subject:", "delegations will find", "from:", "to:", "covering note"],
        # An editor's lines around the statement's text in a press release: only what is
        # between them is the statement.
        "text_begin": ["begin text"],
        "text_end": ["end text"],
        # The line that opens a resolution's body after its cover page (session, agenda item,
        # symbol, sponsors): its preamble follows.
        "body_openers": [
            "the general assembly", "the security council", "the economic and social council",
            "the human rights council", "the conference of the parties", "the council",
        ],
        # Page furniture: `Page 2 of 3`.
        "page": ["page"],
        "page_of": ["of"],
        # A hyphen at a line's end before one of these ends the first half of a pair.
        "conjunctions": ["and", "or"],
        # What follows a commitment cue ending in one of these is the promise itself.
        "infinitive_markers": ["to"],
        "sources": ["source:", "origin:"],
        # Drafts: the words before a deadline, and the deadline's own words.
        "due_cues": [
            "by", "before", "no later than", "not later than", "at the latest by", "until",
            "by the end of", "before the end of", "by end of", "by the end of the year",
        ],
        "end_of": ["the end of", "end of", "the end of the year"],
        "within": ["within"],
        "within_of": ["of", "from", "after"],
        "units": {"day": "days", "week": "weeks", "month": "months", "year": "years"},
        "counts": {
            "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
            "eighteen": 18, "twenty-four": 24,
        },
        # What "within six months of …" counts from when it names the declaration itself.
        "this_declaration": [
            "this declaration", "the adoption of this declaration", "this statement",
            "the adoption of this statement", "this communiqué", "this communique",
            "the date of this declaration", "its adoption", "today", "signature",
            "the signature of this declaration",
        ],
        # The subject of a pledge that is the declaration's own parties, not a named actor.
        "we": ["we", "we all", "we, the ministers", "we, the leaders", "together, we"],
    },
    "da": {
        "stopwords": [
            "og", "at", "af", "til", "den", "det", "som", "med", "for", "er", "på", "vores", "de",
            "en", "et", "vi", "om", "i",
        ],
        "preambular_openers": [
            "som indser", "som erkender", "som er klar over", "som er bevidste om",
            "som er bevidst om", "som minder om", "som værdsætter", "som henviser til",
            "som fremhæver", "som gentager", "som understreger", "som på ny bekræfter",
            "som bekræfter", "som noterer", "som bemærker", "som anerkender",
            "som konstaterer", "som tager hensyn til", "som glæder sig over",
            "som er overbevist om", "som er bekymrede over", "som tager til efterretning",
            "som mødes", "vi takker", "takker", "som",
        ],
        "openers": ["glæder os over", "vi,"],
        "operative": [
            "påtager os at", "påtager vi os at", "er enige om", "enes om", "forpligter os",
            "forpligter sig", "opfordrer", "udtrykker … støtte", "bekræfter betydningen",
            "ser frem til", "vi vil", "beslutter", "vedtager", "tilslutter os", "agter at",
            "går ind for", "støtter", "vil arbejde", "tilskynder", "anmoder",
        ],
        "preambular": ["vil blive afholdt"],
        "attribution": ["sagde", "siger", "udtalte", "ifølge"],
        "actions": [
            "etablere", "styrke", "fremme", "støtte", "udvikle", "sikre", "oprette", "dele",
            "udveksle", "øge", "forbedre", "fortsætte", "bekæmpe", "forebygge", "koordinere",
            "samarbejde", "gennemføre", "intensivere", "tilskynde", "afholde", "mødes",
            "overvåge", "vedtage", "opbygge", "udvide",
        ],
        "chapeau_actions": ["følgende foranstaltninger", "følgende tiltag", "følgende"],
        "abbreviations": [
            "f.eks.", "bl.a.", "jf.", "nr.", "pkt.", "ca.", "dvs.", "mv.", "osv.", "stk.",
            "vedr.", "tlf.", "evt.", "hhv.", "m.fl.", "inkl.", "ekskl.",
        ],
        "months": [
            "januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
            "september", "oktober", "november", "december",
        ],
        "cover": ["vedr.:", "hermed følger", "fra:", "til:", "følgeskrivelse"],
        "page": ["side"],
        "page_of": ["af"],
        "conjunctions": ["og", "eller", "samt"],
        "infinitive_markers": ["at", "om"],
        "sources": ["kilde:"],
        "due_cues": ["senest", "inden", "senest den", "inden udgangen af", "senest ved udgangen af",
                     "inden den"],
        "end_of": ["udgangen af", "slutningen af"],
        # OCR misreadings seen in scanned Danish Council documents, by whole word. Each form is
        # no Danish word, so the repair is unambiguous; a key also repairs its capitalised form.
        "ocr_words": {
            # æ read as ee, ae, e, a, z or @
            "feelles": "fælles", "faelles": "fælles", "felles": "fælles", "fzlles": "fælles",
            "falles": "fælles", "fellesskab": "fællesskab", "erkleering": "erklæring",
            "erklaering": "erklæring", "erklering": "erklæring", "erkleringen": "erklæringen",
            "europaeiske": "europæiske", "europaiske": "europæiske", "europaziske": "europæiske",
            "europiske": "europæiske", "bekaempe": "bekæmpe", "bekeempe": "bekæmpe",
            "bekaempelse": "bekæmpelse", "bekeempelse": "bekæmpelse", "bekempelse": "bekæmpelse",
            "bekaempelsen": "bekæmpelsen", "graenseoverskridende": "grænseoverskridende",
            "tverfaglig": "tværfaglig", "tverfaglige": "tværfaglige",
            "tvarnationale": "tværnationale",
            "tvaernational": "tværnational", "tveerinstitutionelle": "tværinstitutionelle",
            "velfard": "velfærd", "velfaerd": "velfærd", "krafter": "kræfter",
            "netvaerks": "netværks", "netveerk": "netværk", "netvark": "netværk",
            "krenker": "krænker", "spraengstoffer": "sprængstoffer", "bemarker": "bemærker",
            "bemarkningerne": "bemærkningerne", "fortsaette": "fortsætte",
            "baeredygtige": "bæredygtige", "retfeerdighed": "retfærdighed",
            "merverdien": "merværdien", "fastleggelsen": "fastlæggelsen",
            "vardsatter": "værdsætter", "tiltreedelsen": "tiltrædelsen", "fremhaver": "fremhæver",
            "fortsatter": "fortsætter", "iverksatte": "iværksætte",
            "ivaerksattelse": "iværksættelse",
            "selvstendige": "selvstændige", "gleder": "glæder", "narkotikabekampelsestaskforce":
            "narkotikabekæmpelsestaskforce", "narkotikabekaempelsestaskforce":
            "narkotikabekæmpelsestaskforce", "bekrafter": "bekræfter", "bekreafter": "bekræfter",
            "indtrengende": "indtrængende", "regelmassige": "regelmæssige",
            "sammens&tning": "sammensætning", "fastsettes": "fastsættes", "erklaeringen":
            "erklæringen", "grense": "grænse", "stattegruppens": "støttegruppens",
            "afgerende": "afgørende", "afgarende": "afgørende",
            # ø read as e, a or o
            "stotte": "støtte", "stette": "støtte", "stottegruppens": "støttegruppens",
            "velfaerden": "velfærden", "miljoet": "miljøet", "miljekriminalitet":
            "miljøkriminalitet", "miljokriminalitet": "miljøkriminalitet", "skonomier":
            "økonomier", "ekonomisk": "økonomisk", "drofte": "drøfte", "medes": "mødes",
            "modes": "mødes", "mader": "møder", "sterre": "større",
            "hejt": "højt", "gennemforelsen": "gennemførelsen", "videreforelse": "videreførelse",
            "muliggere": "muliggøre",
            "muligger": "muliggør", "gore": "gøre", "lese": "løse", "forste": "første",
            "berarer": "berører", "vedrerende": "vedrørende", "enske":
            "ønske", "oget": "øget", "eftersporgslen": "efterspørgslen",
            "udfert": "udført", "beherig": "behørig", "overvagningsmekanisme":
            "overvågningsmekanisme", "kensaspektet": "kønsaspektet",
            "egede": "øgede", "imedega": "imødegå",
            # å read as a, é, d or e
            "pa": "på", "pé": "på", "pd": "på", "opna": "opnå",
            "gennemgé": "gennemgå", "ogsé": "også", "méade": "måde", "sével": "såvel",
            "sddan": "sådan", "sdsom": "såsom", "skydevében": "skydevåben", "hdndtere": "håndtere",
            "retshdndhavelse": "retshåndhævelse",
            "retshdndhavelseseksperter": "retshåndhævelseseksperter", "patager": "påtager",
            "pétager": "påtager", "pévirker": "påvirker", "omrader": "områder",
            "omrade": "område", "spergsmal": "spørgsmål", "sikkerhedsspergsmal":
            "sikkerhedsspørgsmål", "overvéagningscenter":
            "overvågningscenter", "radet": "rådet", "rédet": "rådet", "forarsager":
            "forårsager", "kriminalitetsomrader": "kriminalitetsområder",
            "overvagning": "overvågning", "sammenhaengende":
            "sammenhængende",
            # f read as t
            "atholdt": "afholdt",
            # a word with a digit for a letter
            "i1": "i",
        },
        # Misreadings whose capitalised form is a real name, so only the lowercase is repaired.
        "ocr_words_lowercase": {"bern": "børn"},
        # Misreadings that are real words elsewhere, repaired only in the company they keep
        # (after the word repairs above).
        "ocr_phrases": {
            "nar det": "når det", "star over": "står over", "at age": "at øge",
            "operationelle made": "operationelle møde", "forer til": "fører til",
            "fælles mal": "fælles mål", "at fortsatte": "at fortsætte",
            "ulovlige stramme": "ulovlige strømme",
            "styrke bandene": "styrke båndene",
        },
        # Letters OCR puts for æ inside a word: `Europ@iske`.
        "ocr_inner_letters": {"@": "æ"},
        # A lone `1` between two words is the letter i ("deltage 1 de respektive"), except after
        # words that are followed by a number.
        "ocr_lone_one": "i",
        "ocr_lone_one_after": [
            "artikel", "afsnit", "punkt", "stk", "kapitel", "bilag", "nr", "fase", "side",
            "trin", "niveau", "paragraf", "litra", "del",
        ],
    },
    "es": {
        "stopwords": [
            "el", "la", "los", "las", "de", "que", "y", "en", "con", "por", "para", "del", "al",
            "una", "un", "se", "su", "nuestros",
        ],
        "preambular_openers": [
            "reconociendo", "tomando nota", "acogiendo con satisfacción", "recordando",
            "conscientes", "considerando", "destacando", "subrayando", "reafirmando",
            "teniendo en cuenta", "preocupados", "convencidos", "observando", "habiendo",
            "agradecemos", "agradecen",
        ],
        "operative": [
            "acuerdan", "acordamos", "nos comprometemos a", "se comprometen a",
            "comprometemos", "instamos", "exhortamos", "hacemos un llamamiento",
            "decidimos", "deciden", "apoyamos", "nos proponemos", "convenimos",
            "reafirmamos nuestro compromiso", "fortaleceremos", "seguiremos",
        ],
        "preambular": ["se celebrará"],
        "attribution": ["dijo", "afirmó", "declaró", "según"],
        "actions": [
            "establecer", "fortalecer", "promover", "apoyar", "desarrollar", "garantizar",
            "crear", "compartir", "intercambiar", "aumentar", "mejorar", "continuar",
            "combatir", "prevenir", "coordinar", "cooperar", "facilitar", "aplicar",
        ],
        "chapeau_actions": ["siguientes acciones", "siguientes medidas"],
        "abbreviations": ["p. ej.", "etc.", "sr.", "sra.", "núm.", "art.", "tel."],
        "months": [
            "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
            "septiembre", "octubre", "noviembre", "diciembre",
        ],
        "cover": ["asunto:", "adjunto se remite", "de:", "a:"],
        "page": ["página"],
        "page_of": ["de"],
        "conjunctions": ["y", "o", "e", "u"],
        "infinitive_markers": ["a"],
        "sources": ["fuente:"],
    },
    "fr": {
        "stopwords": [
            "le", "la", "les", "des", "et", "que", "pour", "dans", "avec", "une", "un", "du", "en",
            "sur", "nos", "nous",
        ],
        "preambular_openers": [
            "reconnaissant", "notant", "prenant note", "rappelant", "se félicitant",
            "conscients", "considérant", "soulignant", "réaffirmant", "tenant compte",
            "ayant", "convaincus", "préoccupés", "saluant", "affirmant", "remercions",
            "remercient",
        ],
        "operative": [
            "s'engagent à", "nous engageons à", "nous nous engageons", "convenons de",
            "conviennent de", "décidons", "décident", "appelons", "invitons", "demandons",
            "soutenons", "exhortons", "renforcerons", "poursuivrons",
        ],
        "preambular": ["se tiendra"],
        "attribution": ["a déclaré", "a dit", "selon"],
        "actions": [
            "établir", "renforcer", "promouvoir", "soutenir", "développer", "garantir",
            "créer", "partager", "échanger", "accroître", "améliorer", "poursuivre",
            "combattre", "prévenir", "coordonner", "coopérer", "faciliter", "mettre en œuvre",
        ],
        "chapeau_actions": ["actions suivantes", "mesures suivantes"],
        "abbreviations": ["p. ex.", "etc.", "m.", "mme.", "art.", "tél.", "cf."],
        "months": [
            "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
            "septembre", "octobre", "novembre", "décembre",
        ],
        "cover": ["objet:", "objet :", "les délégations trouveront"],
        "page": ["page"],
        "page_of": ["sur", "de"],
        "conjunctions": ["et", "ou"],
        "infinitive_markers": ["à", "de"],
        "sources": ["source:"],
    },
    "de": {
        "stopwords": [
            "der", "die", "das", "und", "zu", "mit", "für", "den", "sich", "nicht", "von", "im",
            "ist", "wir", "unsere",
        ],
        "preambular_openers": [
            "in anerkennung", "in kenntnis", "unter hinweis auf", "in dem bewusstsein",
            "eingedenk", "unter betonung", "erkennend", "feststellend", "begrüßend",
            "in bekräftigung", "überzeugt", "besorgt", "in erwägung", "wir danken",
        ],
        "operative": [
            "verpflichten sich", "verpflichten uns", "vereinbaren", "kommen überein",
            "beschließen", "fordern", "rufen … auf", "werden", "unterstützen",
            "sagen zu", "setzen uns", "wollen",
        ],
        "preambular": ["wird stattfinden"],
        "attribution": ["sagte", "erklärte", "laut", "so"],
        "actions": [
            "einrichten", "stärken", "fördern", "unterstützen", "entwickeln", "sicherstellen",
            "schaffen", "austauschen", "erhöhen", "verbessern", "fortsetzen", "bekämpfen",
            "verhindern", "koordinieren", "zusammenarbeiten", "erleichtern", "umsetzen",
        ],
        "chapeau_actions": ["folgende maßnahmen", "folgenden maßnahmen"],
        "abbreviations": ["z.b.", "z. b.", "d.h.", "usw.", "nr.", "art.", "tel.", "vgl.", "bzw."],
        "months": [
            "januar", "februar", "märz", "april", "mai", "juni", "juli", "august",
            "september", "oktober", "november", "dezember",
        ],
        "cover": ["betreff:", "die delegationen erhalten"],
        "page": ["seite"],
        "page_of": ["von"],
        "conjunctions": ["und", "oder"],
        "infinitive_markers": ["zu"],
        "sources": ["quelle:"],
    },
}
# Bodies an operative paragraph may name as actors, in any language: the name as written (a
# regular expression, matched on whole words) and the name proposed as the pledge's actor.
ACTORS: tuple[tuple[str, str], ...] = (
    (r"(?:the )?European Commission|the Commission|Kommissionen|la Commission|"
     r"la Comisión|die Kommission", "European Commission"),
    (r"(?:EU )?[Mm]ember [Ss]tates|medlemsstaterne|los Estados miembros|les États membres|"
     r"die Mitgliedstaaten", "member states"),
    (r"the Council(?! of Europe)|Rådet", "Council of the EU"),
    (r"the (?:European )?External Action Service|the EEAS|EEAS", "EEAS"),
    (r"the High Representative", "High Representative"),
    (r"the European Parliament", "European Parliament"),
    (r"Council of Europe", "Council of Europe"),
    (r"Europol", "Europol"), (r"Eurojust", "Eurojust"), (r"Frontex", "Frontex"),
    (r"EMCDDA|EUDA|European Union Drugs Agency", "EUDA"), (r"CEPOL", "CEPOL"),
    (r"ENISA", "ENISA"), (r"eu-LISA", "eu-LISA"), (r"EUAA", "EUAA"), (r"AFRIPOL", "AFRIPOL"),
    (r"AMERIPOL", "AMERIPOL"), (r"INTERPOL|Interpol", "INTERPOL"), (r"UNODC", "UNODC"),
    (r"the United Nations|the UN\b", "United Nations"), (r"UNHCR", "UNHCR"), (r"IOM", "IOM"),
    (r"the World Bank", "World Bank"), (r"the IMF|International Monetary Fund", "IMF"),
    (r"the OECD|OECD", "OECD"), (r"the WHO|World Health Organization", "WHO"),
    (r"the WTO|World Trade Organization", "WTO"), (r"FATF|Financial Action Task Force", "FATF"),
    (r"NATO", "NATO"), (r"the African Union|AU Commission", "African Union"),
    (r"ASEAN", "ASEAN"), (r"CLASI", "CLASI"), (r"EL PAcCTO", "EL PAcCTO"),
    (r"the private sector", "private sector"), (r"civil society", "civil society"),
)

# fmt: on
