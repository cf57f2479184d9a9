#!/usr/bin/env python3
# make-foreign-qdpx.py: rebuilds foreign.qdpx from foreign-qdpx/
#
# foreign-qdpx/project.qde and the plain texts under foreign-qdpx/sources/
# are written by hand, the way another QDA program would write them: its
# own plain text for the PDF (a page header, lines joined by two spaces),
# CRLF line ends in the text source, a region coding (PDFSelection), short
# colours, braces around GUIDs and an element Gloss does not know.
# The PDF is written here, byte by byte, so that its text is known.
#
# Usage: make-foreign-qdpx.py  (run in tests/data)
#
# SPDX-License-Identifier: GPL-3.0-or-later

import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / 'foreign-qdpx'
PDF_NAME = '6f1c2b9e-3d4a-4e5f-8a7b-0c1d2e3f4a5b.pdf'
LINES = ['Refugees asked for a seat at the table.',
         'Funding came with strings attached.']


def make_pdf(lines):
    content = 'BT /F1 14 Tf 72 720 Td 18 TL\n'
    for line in lines:
        content += '(%s) Tj T*\n' % line
    content += 'ET\n'
    objects = [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] '
        '/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
        '<< /Length %d >>\nstream\n%sendstream' % (len(content), content),
        '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    ]
    out = b'%PDF-1.4\n'
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += ('%d 0 obj\n%s\nendobj\n' % (number, body)).encode('latin-1')
    xref = len(out)
    out += ('xref\n0 %d\n0000000000 65535 f \n' % (len(objects) + 1)).encode()
    for offset in offsets:
        out += ('%010d 00000 n \n' % offset).encode()
    out += ('trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n'
            % (len(objects) + 1, xref)).encode()
    return out


def main():
    pdf = make_pdf(LINES)
    (SOURCE / 'sources' / PDF_NAME).write_bytes(pdf)
    with zipfile.ZipFile(HERE / 'foreign.qdpx', 'w', zipfile.ZIP_DEFLATED) as archive:
        archive.write(SOURCE / 'project.qde', 'project.qde')
        for path in sorted((SOURCE / 'sources').iterdir()):
            archive.write(path, 'sources/' + path.name)


if __name__ == '__main__':
    main()
