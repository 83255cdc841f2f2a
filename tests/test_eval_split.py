"""scripts/eval_split.py: a half of an evaluation set is a set ingest accepts on its own.

The half's manifest must be readable by `newsledger ingest` with no option, so its
articles have to lie inside the half's folder (ingest refuses paths that resolve
elsewhere -- a link to the source folder did, and every half then scored zero).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from newsledger.ingest import iter_inputs

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import eval_split  # noqa: E402


def _source(tmp: Path) -> Path:
    src = tmp / "set"
    (src / "articles").mkdir(parents=True)
    (src / "gold").mkdir()
    story = (" The carrier flies to 40 cities from its base in Aalborg and employs about 2,100 people."
             " Its finance chief will stay on, and the board thanked the outgoing chief for ten years of work.")
    texts = {
        "tarn-ceo__daily": "Tarn Airways named Ilse Brandt chief executive on Monday, the airline said." + story,
        "orla-sale__wire": "Harlow Media agreed to sell Orla Studios to Kestrel Partners, the companies said." + story,
    }
    rows = []
    for doc, text in texts.items():
        (src / "articles" / f"{doc}.txt").write_text(text + "\n", encoding="utf-8")
        (src / "gold" / f"{doc}.json").write_text(json.dumps({"doc": doc, "facts": [
            {"id": "f1", "type": "founded", "args": {"org": "x"}, "evidence": text[:20]}]}), encoding="utf-8")
        rows.append({"id": doc, "path": f"articles/{doc}.txt", "published": "2026-03-02"})
    (src / "gold" / "entities.json").write_text("{}", encoding="utf-8")
    (src / "gold" / "crossdoc.json").write_text(json.dumps({
        "docs": list(texts), "corroborated": [["tarn-ceo__daily:f1", "orla-sale__wire:f1"], ["tarn-ceo__daily:f1"]],
        "independence": [{"facts": ["orla-sale__wire:f1"], "expected": 1}]}), encoding="utf-8")
    (src / "manifest.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return src


def test_a_half_is_ingestible_on_its_own_and_keeps_only_its_cross_article_items(tmp_path):
    src = _source(tmp_path)
    rows = eval_split.half_docs(src / "manifest.jsonl", {"tarn-ceo"})
    assert [r["id"] for r in rows] == ["tarn-ceo__daily"]
    out = tmp_path / "half"
    out.mkdir()
    manifest, gold = eval_split.write_half(out, src, rows)

    article = out / "articles" / "tarn-ceo__daily.txt"
    assert article.is_file() and not article.is_symlink() and not (out / "articles").is_symlink()
    assert not (out / "articles" / "orla-sale__wire.txt").exists()
    read = list(iter_inputs([str(manifest)]))
    assert [getattr(d, "doc_id", None) for d in read] == ["tarn-ceo__daily"], read     # no refused path

    crossdoc = json.loads((gold / "crossdoc.json").read_text(encoding="utf-8"))
    assert crossdoc["corroborated"] == [["tarn-ceo__daily:f1"]]     # items naming the other half go
    assert crossdoc["independence"] == [] and crossdoc["docs"] == ["tarn-ceo__daily"]
    assert sorted(p.name for p in gold.iterdir()) == ["crossdoc.json", "entities.json", "tarn-ceo__daily.json"]
