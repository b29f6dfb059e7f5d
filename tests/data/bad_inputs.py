"""The bad-input corpus: every hostile or broken input ildkg is known to meet, in one place,
each with the exit status and the message it must give. tests/cli/bad_inputs.py runs it.

A case is a dict:
  name     what the input is
  run      "facts": `validate`, then `build` on the same input (they must agree: same exit,
           same message); or one command: "build", "validate", "context", "query", "compare"
  edits    changes to a fresh copy of facts/ and ontology/ (and out/, a complete export
           set): ("append", PATH, TEXT), ("replace", PATH, OLD, NEW) (the first OLD, which
           must be there), ("write", PATH, TEXT), ("fifo", PATH), ("symlink", PATH, TARGET),
           ("mkdir", PATH), ("remove", PATH), ("repeat_last", PATH) (its last line again),
           ("sparse", PATH, BYTES) (a file of BYTES zero bytes that takes no room);
           TEXT str (written as UTF-8) or bytes
  args     arguments after the default ones (--facts, --ontology, and --out for build);
           "{root}" is the case's directory
  exit     the exit status
  message  a regular expression stderr must match (re.search); a failure is never silent
  values   for an accepted build: literals that every export must hold exactly as given

An accepted build (exit 0) must write every format, and each must parse back with an
independent parser (rapper, rdflib, pyld) to the same graph; a refused build must leave
out/ byte-identical and no staging directory behind.
"""

STMT = "facts/statements/03-clinical-features.tsv"
STMT_LINE = r"facts/statements/03-clinical-features\.tsv:\d+: "
ENTITIES = "facts/entities.tsv"
MAPPINGS = "facts/mappings.tsv"
REVIEW = "facts/review.tsv"
ONTOLOGY = "ontology/ildkg.ttl"


def statement(id_="bad", subject="COP", predicate="hasSymptom", obj="Cough", qualifiers="",
              references="", section="clinical-features", quote="cough"):
    return "\t".join([id_, subject, predicate, obj, qualifiers, references, section, quote]) + "\n"


# 40 radiological findings with 50-character ids, for one claim that names them all.
WIDE_IDS = ["Finding" + "x" * 40 + "%03d" % i for i in range(40)]
WIDE_ENTITIES = "".join("%s\tRadiologicalFinding\tfinding %d\t\n" % (e, i) for i, e in enumerate(WIDE_IDS))
WIDE_QUALIFIERS = "; ".join("hrctFinding=" + e for e in WIDE_IDS)
ACCENTED = "x" + "é" * 600
# 70 more, for a claim with more qualifiers than a statement may have.
MANY_IDS = ["Many%03d" % i for i in range(70)]
MANY_ENTITIES = "".join("%s\tRadiologicalFinding\tfinding %d\t\n" % (e, i) for i, e in enumerate(MANY_IDS))

CASES = [
    # --- the output directory: one atomic set ------------------------------------------------
    dict(name="--out holding a directory named like an export", run="build",
         edits=[("remove", "out"), ("mkdir", "out/cop-ctd-ild.nq")], exit=73,
         message=r"out.*still holds the previous export set, unchanged"),
    dict(name="--out holding a file that is no export", run="build",
         edits=[("write", "out/notes.txt", "mine\n")], exit=73,
         message=r"out: holds 'notes\.txt', which is no export file.*\n.*\n.*out still holds the "
                 r"previous export set, unchanged"),
    dict(name="a stale staging directory of exports from a killed run is cleared", run="build",
         edits=[("mkdir", ".out.ildkg-staging"), ("write", ".out.ildkg-staging/cop-ctd-ild.ttl", "cut sh")],
         exit=0, message=None),
    dict(name="a staging directory holding something else is left alone", run="build",
         edits=[("mkdir", ".out.ildkg-staging"), ("write", ".out.ildkg-staging/thesis.tex", "x")],
         exit=73, message=r"\.out\.ildkg-staging: is in the way of the staging directory and holds "
                          r"what no build wrote"),
    dict(name="--out .", run="build", args=["--out", "."], exit=73,
         message=r"--out must name a directory of its own, not '\.'"),

    # --- fields too long for any fixed buffer -----------------------------------------------
    dict(name="a statement id of 1000 characters", run="facts",
         edits=[("append", STMT, statement(id_="a" * 1000))], exit=65,
         message=STMT_LINE + r"field id: an id of 1000 characters \(expected at most 128"),
    dict(name="40 hrctFinding qualifiers naming 50-character ids", run="build",
         edits=[("append", ENTITIES, WIDE_ENTITIES),
                ("append", STMT, statement(id_="wide", subject="SSc-ILD", predicate="hasHistologyPattern",
                                           obj="NSIP", qualifiers=WIDE_QUALIFIERS))],
         exit=0, message=None, values=["finding 39"]),
    dict(name="65 qualifiers", run="facts",
         edits=[("append", ENTITIES, MANY_ENTITIES),
                ("append", STMT, statement(subject="SSc-ILD", predicate="hasHistologyPattern", obj="NSIP",
                                           qualifiers="; ".join("hrctFinding=" + e for e in MANY_IDS[:65])))],
         exit=65, message=STMT_LINE + r"field qualifiers: more than 64 qualifiers \(expected at most 64"),
    dict(name="64 qualifiers", run="build",
         edits=[("append", ENTITIES, MANY_ENTITIES),
                ("append", STMT, statement(id_="many-qualifiers", subject="SSc-ILD",
                                           predicate="hasHistologyPattern", obj="NSIP",
                                           qualifiers="; ".join("hrctFinding=" + e for e in MANY_IDS[:64])))],
         exit=0, message=None, values=["finding 63"]),
    dict(name="65 references", run="facts",
         edits=[("replace", REVIEW, "reference_count\t49", "reference_count\t100"),
                ("append", STMT, statement(references=",".join(str(n) for n in range(1, 66))))],
         exit=65, message=STMT_LINE + r"field references: more than 64 references \(expected at most 64"),
    dict(name="a sharePercent with 5000 leading zeros (a valid decimal: 1)", run="build",
         edits=[("append", STMT, statement(id_="zeros", qualifiers="sharePercent=" + "0" * 5000 + "1"))],
         exit=0, message=None),
    dict(name="a bad value of 400 é, quoted whole in the message (never cut in a character)",
         run="facts", edits=[("append", STMT, statement(qualifiers="sharePercent=" + "é" * 400))],
         exit=65, message=STMT_LINE + r"field qualifiers: bad number or value '(é){400}' \(expected"),
    dict(name="sharePercent=100.0000000000000000001", run="facts",
         edits=[("append", STMT, statement(qualifiers="sharePercent=100.0000000000000000001"))], exit=65,
         message=STMT_LINE + r"field qualifiers: bad number or value '100\.0000000000000000001' "
                 r"\(expected xsd:decimal from 0 to 100 for sharePercent\)"),
    dict(name="an entity label of x and 600 é (1201 bytes)", run="build",
         edits=[("append", ENTITIES, "Accented\tSymptom\t%s\t\n" % ACCENTED),
                ("append", STMT, statement(id_="accented", obj="Accented"))],
         exit=0, message=None, values=[ACCENTED]),
    dict(name="a quote of a million characters, just under the line limit", run="build",
         edits=[("append", STMT, statement(id_="long-quote", quote="q" * 1000000))],
         exit=0, message=None, values=["q" * 1000000]),
    dict(name="a line longer than 1 MiB", run="facts",
         edits=[("append", STMT, statement(quote="q" * (1 << 20)))], exit=65,
         message=STMT_LINE + r"line longer than 1 MiB"),
    dict(name="100000 columns", run="facts",
         edits=[("append", STMT, "\t" * 100000 + "\n")], exit=65,
         message=STMT_LINE + r"100001 tab-separated fields \(expected 8"),

    # --- characters no export can hold -----------------------------------------------------------
    dict(name="U+FFFE in a quote", run="facts",
         edits=[("append", STMT, statement(quote="cough \ufffe"))], exit=65,
         message=STMT_LINE + r"noncharacter U\+FFFE at byte \d+"),
    dict(name="U+FDD0 in a label", run="facts",
         edits=[("append", ENTITIES, "Odd\tSymptom\todd \ufdd0\t\n")], exit=65,
         message=r"facts/entities\.tsv:\d+: noncharacter U\+FDD0"),
    dict(name="a control character in a quote", run="facts",
         edits=[("append", STMT, statement(quote="cough\x1b[31m"))], exit=65,
         message=STMT_LINE + r"control character U\+001B"),
    dict(name="a NUL byte", run="facts",
         edits=[("append", STMT, statement(quote="cough\x00"))], exit=65,
         message=STMT_LINE + r"(control character U\+0000|NUL)"),
    dict(name="invalid UTF-8", run="facts",
         edits=[("append", STMT, statement(quote="cough").encode() [:-1] + b"\xff\n")], exit=65,
         message=STMT_LINE + r"invalid UTF-8 at byte \d+"),
    dict(name="a byte-order mark", run="facts",
         edits=[("replace", ENTITIES, "id\tclass", "\ufeffid\tclass")], exit=65,
         message=r"facts/entities\.tsv:3: byte-order mark U\+FEFF at byte 1 \(expected UTF-8 without a BOM\)"),
    dict(name="a byte-order mark at the start of a file", run="facts",
         edits=[("replace", ENTITIES, "#", "\ufeff#")], exit=65,
         message=r"facts/entities\.tsv:1: byte-order mark U\+FEFF"),
    dict(name="CRLF line endings", run="facts",
         edits=[("append", STMT, statement(id_="crlf").replace("\n", "\r\n"))], exit=65,
         message=STMT_LINE + r"line ends with CR"),
    dict(name="a control character in an ontology literal", run="facts",
         edits=[("append", ONTOLOGY, 'ildkg:Symptom rdfs:comment "bell \\u0007" .\n')], exit=65,
         message=r"ontology/ildkg\.ttl:\d+: a literal holds U\+0007"),
    dict(name="U+FFFE in an ontology literal, raw", run="facts",
         edits=[("append", ONTOLOGY, 'ildkg:Symptom rdfs:comment "odd \ufffe" .\n')], exit=65,
         message=r"ontology/ildkg\.ttl:\d+: "),
    dict(name="an ontology local name of 300 bytes", run="facts",
         edits=[("append", ONTOLOGY, "ildkg:%s a owl:Class .\n" % ("C" * 300))], exit=65,
         message=r"ontology/ildkg\.ttl:\d+: local name of 300 bytes in the ildkg namespace \(expected at most 128\)"),
    dict(name="a blank node in the ontology", run="facts",
         edits=[("append", ONTOLOGY, "ildkg:Symptom rdfs:seeAlso [] .\n")], exit=65,
         message=r"ontology/ildkg\.ttl:\d+: blank node"),
    dict(name="an ontology that is not Turtle", run="facts",
         edits=[("append", ONTOLOGY, "ildkg:Broken a owl:Class ,, .\n")], exit=65,
         message=r"ontology/ildkg\.ttl:\d+: Turtle: "),

    # --- text that becomes an IRI, given on the command line ------------------------------------
    dict(name="--base with a byte that is not UTF-8", run="build",
         args=[b"--base", b"https://x.org/\xff/"], exit=64, message=r"bad --base"),
    dict(name="--base with U+FFFE", run="build",
         args=["--base", "https://x.org/\ufffe/"], exit=64, message=r"bad --base"),
    dict(name="--base with a space", run="build",
         args=["--base", "https://x.org/a b/"], exit=64, message=r"bad --base"),
    dict(name="--base not ending in / or #", run="build",
         args=["--base", "https://x.org/kg"], exit=64, message=r"bad --base"),
    dict(name="context --base with a byte that is not UTF-8", run="context",
         args=[b"--base", b"https://x.org/\xff/"], exit=64, message=r"bad --base"),
    dict(name="--jsonld-context that is no URL", run="build",
         args=["--jsonld-context", 'httpgarbage"<>'], exit=64, message=r"bad --jsonld-context"),
    dict(name="--base of 600 bytes", run="build",
         args=["--base", "https://x.org/" + "a" * 600 + "/"], exit=64, message=r"bad --base"),

    # --- bounds -----------------------------------------------------------------------------------
    dict(name="review.tsv linked to /dev/zero", run="facts",
         edits=[("remove", REVIEW), ("symlink", REVIEW, "/dev/zero")], exit=66,
         message=r"facts/review\.tsv: .*(regular|device)"),
    dict(name="a FIFO among the statement files", run="facts",
         edits=[("fifo", "facts/statements/50-fifo.tsv")], exit=66,
         message=r"facts/statements/50-fifo\.tsv: .*(regular|FIFO)"),
    dict(name="a statement file that is a symbolic link to itself", run="facts",
         edits=[("symlink", "facts/statements/50-loop.tsv", "50-loop.tsv")], exit=66,
         message=r"facts/statements/50-loop\.tsv: cannot open: Too many levels of symbolic links"),
    dict(name="a directory named like a statement file", run="facts",
         edits=[("mkdir", "facts/statements/50-dir.tsv")], exit=66,
         message=r"facts/statements/50-dir\.tsv: .*(regular|directory)"),
    dict(name="a FIFO as the ontology", run="facts",
         edits=[("remove", ONTOLOGY), ("fifo", ONTOLOGY)], exit=66,
         message=r"ontology/ildkg\.ttl: .*(regular|FIFO)"),
    dict(name="reference_count 999999999", run="facts",
         edits=[("replace", REVIEW, "reference_count\t49", "reference_count\t999999999")], exit=65,
         message=r"facts/review\.tsv:\d+: field value: .*from 1 to 10000"),
    dict(name="200001 statements", run="facts",
         edits=[("write", "facts/statements/90-many.tsv",
                 "id\tsubject\tpredicate\tobject\tqualifiers\treferences\tsection\tquote\n" +
                 "".join(statement(id_="many-%d" % i) for i in range(200001 - 252))),
                ("append", "facts/statements/91-unread.tsv", "never read\n")], exit=65,
         message=r"facts/statements/90-many\.tsv:199750: field id: statement row 200001 is one too "
                 r"many; no further row is read \(expected at most 200000 statements"),
    dict(name="a facts directory that is a file", run="facts",
         edits=[("remove", "facts/statements"), ("write", "facts/statements", "x")], exit=66,
         message=r"facts/statements: "),

    # --- accepted though wrong, once ---------------------------------------------------------------
    dict(name="a repeated mappings.tsv row", run="facts", edits=[("repeat_last", MAPPINGS)],
         exit=65, message=r"facts/mappings\.tsv:\d+: field curie: '[A-Z]+:\d+' repeats an earlier row"),
    dict(name="one entity both exact and close to one id", run="facts",
         edits=[("append", MAPPINGS, "Cough\tclose\tHP:0012735\tCough\tsee above\n")],
         exit=65, message=r"facts/mappings\.tsv:\d+: field (match|curie): .*HP:0012735"),

    # --- queries -----------------------------------------------------------------------------------
    dict(name="a 65-column SELECT as a table", run="query",
         args=["-f", "table", "-e", "SELECT %s WHERE {}" % " ".join("(%d AS ?v%d)" % (i, i) for i in range(1, 66))],
         exit=0, message=None),
    dict(name="a query file over 16 MiB", run="query",
         edits=[("write", "big.rq", "# " + "x" * (16 << 20) + "\nASK {}\n")], args=["{root}/big.rq"],
         exit=65, message=r"big\.rq: .*(16 MiB|too large)"),
    dict(name="a query file of 2 MiB of comments", run="query",
         edits=[("write", "long.rq", "# " + "x" * (2 << 20) + "\nASK {}\n")], args=["{root}/long.rq"],
         exit=0, message=None),
    dict(name="--data of 1 GiB and 1 byte, refused before a byte is read", run="query",
         edits=[("sparse", "big.nt", (1 << 30) + 1)], args=["--data", "{root}/big.nt", "-e", "ASK {}"],
         exit=65, message=r"big\.nt: cannot read: larger than 1024 MiB"),
    dict(name="a FIFO as the query file", run="query",
         edits=[("fifo", "q.rq")], args=["{root}/q.rq"], exit=66, message=r"q\.rq: "),
    dict(name="a control character in a query", run="query", args=["-e", "ASK {} \x01"], exit=65,
         message=r"."),
    dict(name="a NUL in a query file", run="query", edits=[("write", "nul.rq", "ASK {}\x00 ")],
         args=["{root}/nul.rq"], exit=65, message=r"NUL"),
    dict(name="10000 nested parentheses (valid SPARQL past rasqal's parser)", run="query",
         edits=[("write", "deep.rq", "ASK { FILTER(" + "(" * 10000 + "1" + ")" * 10000 + ") }")],
         args=["{root}/deep.rq"], exit=69,
         message=r"deep\.rq: not supported: the query nests deeper than rasqal's parser can go"),
    dict(name="groups nested 20000 deep", run="query",
         edits=[("write", "groups.rq", "SELECT * { " + "{" * 20000 + " ?s ?p ?o " + "}" * 20000 + " }")],
         args=["{root}/groups.rq"], exit=69, message=r"groups\.rq: not supported: groups nested more than 64"),
    dict(name="100 topics at once", run="compare", args=["-f", "csv"] + ["demographics"] * 100,
         exit=0, message=None),
    dict(name="an unknown topic", run="compare", args=["nosuchtopic"], exit=64,
         message=r"unknown topic 'nosuchtopic'"),
]
