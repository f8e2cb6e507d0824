"""A damaged Word file is refused in Norwegian, as a file that is no zip is, never with a
traceback from inside python-docx."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from sync.document_files import DocumentFileError, read_document
from tests.fixtures.word_documents import WordDocument

DOCUMENT_WITHOUT_BODY = (
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
)


@pytest.mark.parametrize(
    ("part", "broken"),
    [
        ("word/document.xml", DOCUMENT_WITHOUT_BODY),  # TypeError: 'NoneType' … not iterable
        ("[Content_Types].xml", b"<Types/>"),  # AttributeError: … no attribute 'overrides'
        ("word/_rels/document.xml.rels", b"<x/>"),  # AttributeError: … 'Relationship_lst'
    ],
)
def test_a_damaged_word_file_is_refused_in_norwegian_not_with_a_traceback(
    tmp_path: Path, part: str, broken: bytes
) -> None:
    word = WordDocument()
    word.paragraph("Handlingsplan 2024")
    whole = word.save(tmp_path / "whole.docx")
    path = tmp_path / "skadd.docx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(path, "w") as damaged:
        for name in source.namelist():
            damaged.writestr(name, broken if name == part else source.read(name))
    with pytest.raises(DocumentFileError, match=r'^Kan ikke åpne "skadd\.docx" som Word-fil'):
        read_document(path)
