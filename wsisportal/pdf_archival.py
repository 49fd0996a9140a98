"""What makes a rendered PDF an archival, accessible one: PDF/A-3a (the "accessible" level:
tagged, Unicode text, fonts embedded, the sRGB output intent) that also claims PDF/UA-1.

WeasyPrint writes PDF/A-3a with a structure tree in reading order, /MarkInfo, /Lang from
`<html lang>`, the title from `<title>` (with DisplayDocTitle) and XMP with the PDF/A
identification. It takes one variant only, so the PDF/UA identification (`pdfuaid:part`) and the
document's language (`dc:language`) are added here, inside WeasyPrint's own `rdf:RDF`: a second
`rdf:RDF` block (its `xmp_metadata` option) is not valid XMP. PDF/A-2 and -3 accept a property
outside their predefined schemas only when an extension schema describes it, hence the
`pdfaExtension` description of pdfuaid (as LibreOffice and Acrobat write it).
"""

from xml.etree.ElementTree import SubElement, fromstring, register_namespace, tostring

PDF_VARIANT = "pdf/a-3a"
PDF_OPTIONS = {"pdf_variant": PDF_VARIANT, "pdf_tags": True}

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"
PDFUAID = "http://www.aiim.org/pdfua/ns/id/"
PDFA_EXTENSION = "http://www.aiim.org/pdfa/ns/extension/"
PDFA_SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
PDFA_PROPERTY = "http://www.aiim.org/pdfa/ns/property#"

# PDF/A requires exactly these prefixes for the extension schema container (ISO 19005-2, 6.6.2.3.1);
# ElementTree's prefix table is process-wide and WeasyPrint registers its own the same way.
for _prefix, _uri in (("pdfaExtension", PDFA_EXTENSION), ("pdfaSchema", PDFA_SCHEMA), ("pdfaProperty", PDFA_PROPERTY),
                      ("pdfuaid", PDFUAID), ("dc", DC), ("rdf", RDF)):  # fmt: skip
    register_namespace(_prefix, _uri)


def _description(rdf, **attributes):
    element = SubElement(rdf, f"{{{RDF}}}Description", {f"{{{RDF}}}about": ""})
    element.attrib.update(attributes)
    return element


def _text(parent, tag, text):
    SubElement(parent, tag).text = text


def _pdfuaid_extension_schema(rdf):
    """The pdfaExtension description of the pdfuaid:part property (ISO 19005-3, 6.6.2.3)."""
    schemas = SubElement(_description(rdf), f"{{{PDFA_EXTENSION}}}schemas")
    schema = SubElement(SubElement(SubElement(schemas, f"{{{RDF}}}Bag"), f"{{{RDF}}}li"), f"{{{RDF}}}Description")
    _text(schema, f"{{{PDFA_SCHEMA}}}schema", "PDF/UA Universal Accessibility Schema")
    _text(schema, f"{{{PDFA_SCHEMA}}}namespaceURI", PDFUAID)
    _text(schema, f"{{{PDFA_SCHEMA}}}prefix", "pdfuaid")
    properties = SubElement(SubElement(schema, f"{{{PDFA_SCHEMA}}}property"), f"{{{RDF}}}Seq")
    prop = SubElement(SubElement(properties, f"{{{RDF}}}li"), f"{{{RDF}}}Description")
    _text(prop, f"{{{PDFA_PROPERTY}}}name", "part")
    _text(prop, f"{{{PDFA_PROPERTY}}}valueType", "Integer")
    _text(prop, f"{{{PDFA_PROPERTY}}}category", "internal")
    _text(prop, f"{{{PDFA_PROPERTY}}}description", "Indicates, which part of ISO 14289 standard is followed")


def extend_rdf(rdf_bytes, *, lang):
    """WeasyPrint's XMP `rdf:RDF` with the PDF/UA-1 identification, its extension schema and
    `dc:language` added."""
    rdf = fromstring(rdf_bytes)
    _description(rdf, **{f"{{{PDFUAID}}}part": "1"})
    if lang:
        language = SubElement(_description(rdf), f"{{{DC}}}language")
        _text(SubElement(language, f"{{{RDF}}}Bag"), f"{{{RDF}}}li", lang)
    _pdfuaid_extension_schema(rdf)
    return tostring(rdf, encoding="utf-8")


def archival_metadata(metadata):
    """`metadata` (a WeasyPrint DocumentMetadata) writing the extended XMP (see the docstring)."""
    from weasyprint.document import DocumentMetadata

    class ArchivalMetadata(DocumentMetadata):
        def generate_rdf_metadata(self, variant, version, conformance):
            return extend_rdf(super().generate_rdf_metadata(variant, version, conformance), lang=self.lang)

    return ArchivalMetadata(**vars(metadata))
