"""Turn source.md into NNN.txt files and gold_core.jsonl (offsets into each file's text)."""

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARK = re.compile(r"\[([^\]]+)\]\((PER|LOC|ORG)\)")


def main() -> None:
    sections = re.split(r"^## ", (HERE / "source.md").read_text(encoding="utf-8"), flags=re.M)[1:]
    rows = []
    for i, section in enumerate(sections, 1):
        head, body = section.strip().split("\n", 1)
        paras = [p.strip() for p in body.strip().split("\n\n")]
        date, title = head.split(" ", 1)
        text = f" date {date} {title} (Reader)\n"
        ents = []
        for para in paras:
            text += "\n"
            pos = 0
            for m in MARK.finditer(para):
                text += para[pos:m.start()]
                ents.append([len(text), len(text) + len(m.group(1)), m.group(2)])
                text += m.group(1)
                pos = m.end()
            text += para[pos:] + "\n"
        name = f"{i:03d}.txt"
        (HERE / name).write_text(text, encoding="utf-8")
        rows.append({"file": name, "entities": ents})
    with (HERE / "gold_core.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(sum(len(r["entities"]) for r in rows), "entities in", len(rows), "files")


if __name__ == "__main__":
    main()
