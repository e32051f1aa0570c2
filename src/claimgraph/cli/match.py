"""`claimgraph match STATEMENT... --db DB`: new statements → the known claims of the store they report."""

from __future__ import annotations

import json

import click

from ..errors import UsageError
from ..ingest.decode import decode
from ..ingest.inputs import STDIN, ReadOptions, read_file, read_stdin
from ..store import Store
from ..store.batch import MATCH_STORIES, claims_near, stored_claims
from .analyze import emit, output_option
from .ingest import converts_errors, db_option


def statements_from(arguments: tuple[str, ...], path: str | None) -> list[str]:
    """The statements given as arguments, then those of ``path`` (one per non-blank line; - is stdin)."""
    statements = [a.strip() for a in arguments if a.strip()]
    if path is not None:
        raw = read_stdin(ReadOptions()) if path == STDIN else read_file(path, ReadOptions())
        statements += [line.strip() for line in decode(raw.path, raw.data).splitlines() if line.strip()]
    if not statements:
        raise UsageError("give STATEMENTs or --file FILE (one statement per line)")
    return statements


@click.command("match")
@click.argument("statements", nargs=-1)
@click.option("--file", "path", metavar="FILE", help="statements to match, one per line (- reads stdin)")
@db_option
@click.option("--top", type=click.IntRange(min=1), default=5, show_default=True, help="known claims per statement")
@click.option("--exhaustive", is_flag=True,
              help=f"compare each statement with every claim in the database, not only with the claims of the "
                   f"{MATCH_STORIES} stories that share the most of its words (slower as the database grows)")
@output_option
@converts_errors
def match_cmd(statements: tuple[str, ...], path: str | None, db: str, top: int, exhaustive: bool,
              output: str | None) -> None:
    """Match new statements to the claims already in the project database.

    For each statement, writes one JSON line {"statement", "matches": [...]}: the --top known
    claims nearest in meaning, best first, each with its id, text, articles, "cosine",
    "same_claim" (cosine over the calibrated threshold) and "paraphrase" (the probability that
    both are sentence paraphrases, from the `claimgraph pairs` model: stricter). The claims
    compared are those of the stories whose words the statement shares most (--exhaustive: all).
    Example: claimgraph match "North Korean troops have suffered losses in Kursk" --db news.db
    """
    from ..link.retrieve import ClaimIndex, Known
    from ..link.similarity import PairScorer

    queries = statements_from(statements, path)
    with Store.open(db, create=False) as store:
        if exhaustive:
            known = stored_claims(store)
            pools = [known] * len(queries)
            index = ClaimIndex([Known(c.id, c.text) for c in known], cache=store)
            found = index.search(queries, top)
        else:
            pools = claims_near(store, queries)
            scorer = PairScorer(cache=store)  # one for all the statements' indexes
            found = [ClaimIndex([Known(c.id, c.text) for c in pool], cache=store, scorer=scorer).search([query], top)[0]
                     for query, pool in zip(queries, pools)]
    lines = []
    for query, matches, pool in zip(queries, found, pools):
        claims = {c.id: c for c in pool}
        rows = [{"claim": m.claim, "text": claims[m.claim].text, "cosine": m.cosine, "same_claim": m.same_claim,
                 "paraphrase": m.paraphrase, "articles": list(claims[m.claim].articles)} for m in matches]
        lines.append(json.dumps({"statement": query, "matches": rows}, ensure_ascii=False) + "\n")
    emit("".join(lines), output)
