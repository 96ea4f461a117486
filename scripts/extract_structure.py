"""Re-extract bpnn/articles/data/article_structure.json from the articles (../shared/seeds).

Run after a change to bpnn/articles/claims/structure.py; the tests compare the stored file with a fresh
extraction wherever the articles are present."""
import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from bpnn.articles import ARTICLES, article_lines  # noqa: E402
from bpnn.articles.claims.structure import extract  # noqa: E402

out = {"about": "extracted by scripts/extract_structure.py with bpnn.articles.claims.structure.extract; "
                "no article text is stored, only line kinds, sentence counts and line numbers",
       "articles": {}}
for key, src in ARTICLES.items():
    lines = article_lines(src)
    if lines is None:
        sys.exit(f"{src}: not found (the articles must be in ../shared/seeds)")
    out["articles"][key] = {"source": src, **extract(lines)}
path = pathlib.Path(__file__).resolve().parent.parent / "bpnn" / "data" / "article_structure.json"
path.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
print(path, {k: sum(v["sentences"]) for k, v in out["articles"].items()})
