"""Reading a PDF back as archives, screen readers and people meet it: pikepdf for the PDF/A and
PDF/UA structures, poppler (pdftotext -bbox, pdftoppm) for where the words and lines landed."""

import io
import re
import shutil
import subprocess
from xml.etree import ElementTree

import pikepdf
import pytest

PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"
PDFUAID = "{http://www.aiim.org/pdfua/ns/id/}"
DC = "{http://purl.org/dc/elements/1.1/}"


def _fonts(resources, seen):
    """Every font dictionary reachable from `resources`, through form XObjects too."""
    for font in (resources.get("/Font") or {}).values():
        if font.objgen not in seen:
            seen.add(font.objgen)
            yield font
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject and xobject.objgen not in seen:
            seen.add(xobject.objgen)
            yield from _fonts(xobject.Resources, seen)


def _font_is_embedded(font):
    descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def _structure_types(element, out):
    if isinstance(element, pikepdf.Array):
        for child in element:
            _structure_types(child, out)
    elif isinstance(element, pikepdf.Dictionary) and "/S" in element:
        out.append(str(element.S))
        if "/K" in element:
            _structure_types(element.K, out)
    return out


def archival_facts(data):
    """What an archive and a screen reader check first, as plain values (asserted by callers)."""
    pdf = pikepdf.open(io.BytesIO(data))
    root = pdf.Root
    xmp = ElementTree.fromstring(root.Metadata.read_bytes().split(b"?>", 1)[1].rsplit(b"<?xpacket", 1)[0])
    descriptions = list(xmp.iter("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}Description"))
    attributes = {key: value for d in descriptions for key, value in d.attrib.items()}
    seen = set()
    fonts = [font for page in pdf.pages for font in _fonts(page.Resources, seen)]
    intents = list(root.get("/OutputIntents") or [])
    with pdf.open_outline() as outline:
        bookmarks = [item.title for item in outline.root] + [c.title for item in outline.root for c in item.children]
    return {
        "version": pdf.pdf_version,
        "pdfa": (attributes.get(PDFAID + "part"), attributes.get(PDFAID + "conformance")),
        "pdfua": attributes.get(PDFUAID + "part"),
        "xmp_title": [li.text for title in xmp.iter(DC + "title") for li in title.iter() if li.tag.endswith("}li")],
        "xmp_language": [li.text for lang in xmp.iter(DC + "language") for li in lang.iter() if li.tag.endswith("}li")],
        "info_title": str(pdf.docinfo.get("/Title", "")),
        "lang": str(root.get("/Lang", "")),
        "marked": bool(root.get("/MarkInfo", {}).get("/Marked", False)),
        "display_doc_title": bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)),
        "structure": _structure_types(root.StructTreeRoot.K, []) if "/StructTreeRoot" in root else [],
        "intents": [(str(i.S), "/DestOutputProfile" in i) for i in intents],
        "fonts": len(fonts),
        "unembedded_fonts": [str(f.get("/BaseFont")) for f in fonts if not _font_is_embedded(f)],
        "bookmarks": bookmarks,
        "pages": len(pdf.pages),
    }  # fmt: skip


def assert_archival(data, *, title, lang="en"):
    """PDF/A-3a with PDF/UA-1 identification, tagged, titled and in `lang`, every font embedded."""
    facts = archival_facts(data)
    assert facts["pdfa"] == ("3", "A"), facts["pdfa"]
    assert facts["pdfua"] == "1"
    assert facts["xmp_title"] == [title] and facts["info_title"] == title
    assert facts["xmp_language"] == [lang] and facts["lang"] == lang
    assert facts["marked"] and facts["display_doc_title"]
    assert facts["structure"][0] == "/Document" and "/H1" in facts["structure"]
    assert facts["intents"] == [("/GTS_PDFA1", True)]
    assert facts["fonts"] and not facts["unembedded_fonts"]
    return facts


def words(data):
    """[(page, x, y, word)] from pdftotext -bbox (points from the page's top left)."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    html = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=data, capture_output=True, check=True).stdout
    found, page = [], 0
    for line in html.decode().splitlines():
        if "<page " in line:
            page += 1
        elif match := re.search(r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', line):
            found.append((page, float(match[1]), float(match[2]), match[3]))
    return found


def page_image(data, page, *, dpi=40):
    """One page rasterised by pdftoppm, as a greyscale PIL image."""
    from PIL import Image

    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    png = subprocess.run(
        ["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", "-"],
        input=data, capture_output=True, check=True,
    ).stdout  # fmt: skip
    return Image.open(io.BytesIO(png)).convert("L")
