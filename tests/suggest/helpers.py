"""Small Arabic documents with a repeated cast of names, made in the test."""

from __future__ import annotations

NAMES = {"PER": ["محمد علي", "سارة خليل", "أحمد حسن", "ليلى يوسف"],
         "GPE": ["دمشق", "بغداد", "القاهرة", "عمّان"],
         "ORG": ["الأمم المتحدة", "البنك الدولي", "وزارة الصحة"]}
FRAMES = ["زار {PER} مدينة {GPE} والتقى ممثلي {ORG} هناك.",
          "قال {PER} إن {ORG} ستفتح مكتبا في {GPE} قريبا.",
          "وصل {PER} إلى {GPE} أمس في زيارة رسمية.",
          "أعلنت {ORG} أن {PER} سيرأس الوفد إلى {GPE}."]


def make_docs(n: int, offset: int = 0) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Return ``n`` documents of two sentences each, with their entity spans."""
    docs = []
    for k in range(offset, offset + n):
        parts, spans, text = [], [], ""
        for j in range(2):
            frame = FRAMES[(k + j) % len(FRAMES)]
            pos = 0
            sentence = ""
            while True:
                i = frame.find("{", pos)
                if i == -1:
                    sentence += frame[pos:]
                    break
                sentence += frame[pos:i]
                label = frame[i + 1:frame.index("}", i)]
                name = NAMES[label][(k + 2 * j + len(label)) % len(NAMES[label])]
                start = len(text) + len(sentence)
                sentence += name
                spans.append((start, start + len(name), label))
                pos = frame.index("}", i) + 1
            parts.append(sentence)
            text += sentence + "\n"
        text += f"نُشر الخبر يوم {k + 1} من الشهر.\n"
        docs.append((text, spans))
    return docs


def fill(project, n: int, *, done: bool = True, offset: int = 0) -> list[int]:
    """Add ``n`` annotated documents (marked done) to ``project``; return their ids."""
    docs = make_docs(n, offset)
    project.add_documents([{"text": t, "name": f"d{offset + i}"} for i, (t, _) in enumerate(docs)])
    ids = []
    for (text, spans), info in zip(docs, project.documents(limit=10_000)[-n:], strict=True):
        assert project.text(info.id) == text
        for s, e, label in spans:
            project.add_span(info.id, label, s, e)
        if done:
            project.set_status(info.id, "done")
        ids.append(info.id)
    return ids
