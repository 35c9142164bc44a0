"""Make the README screenshots with the app's own ``--screenshot``.

A throw-away data directory gets two bookmarks on the seed article (so the Bookmarks panel
and the marked passages show), then the app renders the main view in French and English,
light and dark, and the Library Entities view.  Nothing touches the user's own data.

    python benchmarks/make_screenshots.py [OUT_DIR default resources/]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "resources"
    tmp = Path(tempfile.mkdtemp(prefix="reader-shots-"))
    data, cache = tmp / "data", tmp / "cache"
    from reader.core.bookmarks.store import BookmarkStore
    from reader.core.library.parser import read_article

    seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    article = read_article(seed)
    store = BookmarkStore(data)
    for quote, note, colour in [
        ("environ 150.000 personnes", "Chiffre à recouper avec Kiev", "yellow"),
        ("Antony Blinken, secrétaire d’État américain", "Annonce sur l'usage des armes", "blue"),
    ]:
        start = article.text.index(quote)
        store.add(article, start, start + len(quote), note=note, colour=colour)
    store.close()
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               READER_DATA_DIR=str(data), READER_CACHE_DIR=str(cache),
               XDG_CONFIG_HOME=str(tmp / "config"))
    for name, lang, theme in [("screenshot.png", "fr", "light"),
                              ("screenshot-dark.png", "fr", "dark"),
                              ("screenshot-en.png", "en", "light"),
                              ("screenshot-en-dark.png", "en", "dark")]:
        subprocess.run([sys.executable, "-m", "reader", str(ROOT / "seeds"), "--screenshot",
                        str(out / name), "--lang", lang, "--theme", theme], check=True, env=env)
    # the Library Entities view needs a library of some size: recombine the seed's own
    # paragraphs (never the licensed corpus) into 120 articles with varied dates
    library = tmp / "library"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_library.py"), "120",
                    str(library), "--corpus", str(tmp / "no-corpus")], check=True)
    subprocess.run([sys.executable, "-m", "reader", str(library), "--screenshot",
                    str(out / "screenshot-entities.png"), "--view", "entities"],
                   check=True, env=env)
    return 0


if __name__ == "__main__":
    sys.exit(main())
