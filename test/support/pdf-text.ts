import zlib from 'node:zlib';

/**
 * The text drawn on a PDF's pages, recovered the way a reader's copy-paste does: each stream inflated, the
 * embedded fonts' ToUnicode maps read, and the hex glyph strings of TJ/Tj operators mapped back to Unicode.
 * Enough for the PDFs pdfkit writes (one CID font, hex strings); not a general PDF parser.
 */
export function pdfStreams(pdf: Buffer): string[] {
  const out: string[] = [];
  const raw = pdf.toString('latin1');
  const re = /(?<!end)stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const bytes = pdf.subarray(start, end);
    const dict = raw.slice(Math.max(0, m.index - 300), m.index);
    try {
      out.push(
        /FlateDecode/.test(dict.slice(dict.lastIndexOf('<<')))
          ? zlib.inflateSync(bytes).toString('latin1')
          : bytes.toString('latin1'),
      );
    } catch {
      out.push(bytes.toString('latin1'));
    }
    re.lastIndex = end + 'endstream'.length;
  }
  return out;
}

function hexToCodes(hex: string, width: number): number[] {
  const codes: number[] = [];
  for (let i = 0; i + width <= hex.length; i += width) codes.push(parseInt(hex.slice(i, i + width), 16));
  return codes;
}

const utf16 = (hex: string) => String.fromCharCode(...hexToCodes(hex, 4));

export function pdfText(pdf: Buffer): string {
  const streams = pdfStreams(pdf);
  const map = new Map<number, string>();
  for (const s of streams) {
    if (!s.includes('begincmap')) continue;
    for (const block of s.match(/beginbfrange([\s\S]*?)endbfrange/g) ?? []) {
      for (const line of block.matchAll(
        /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g,
      )) {
        const lo = parseInt(line[1], 16);
        const hi = parseInt(line[2], 16);
        if (line[3].startsWith('[')) {
          const dsts = [...line[3].matchAll(/<([0-9a-fA-F]+)>/g)].map((d) => utf16(d[1]));
          dsts.forEach((d, i) => map.set(lo + i, d));
        } else {
          const first = parseInt(line[3].slice(1, -1), 16);
          for (let c = lo; c <= hi; c++) map.set(c, String.fromCharCode(first + c - lo));
        }
      }
    }
    for (const block of s.match(/beginbfchar([\s\S]*?)endbfchar/g) ?? []) {
      for (const line of block.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
        map.set(parseInt(line[1], 16), utf16(line[2]));
    }
  }
  let text = '';
  // Only page content (text objects); the embedded font program is binary and never matched against.
  for (const s of streams.filter((x) => /\bBT\b/.test(x) && /\bET\b/.test(x) && !x.includes('begincmap'))) {
    for (const op of s.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hexes = op[1] !== undefined ? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]) : [op[2]];
      for (const h of hexes)
        text += hexToCodes(h, 4)
          .map((c) => map.get(c) ?? '')
          .join('');
      text += '\n';
    }
  }
  return text;
}

/** The BaseFont names of the fonts a PDF uses (subset prefixes kept: ABCDEF+NotoSansCJKsc-Regular). */
export function pdfFontNames(pdf: Buffer): string[] {
  const names = new Set<string>();
  for (const s of [pdf.toString('latin1'), ...pdfStreams(pdf)])
    for (const m of s.matchAll(/\/BaseFont\s*\/([^\s/>]+)/g)) names.add(m[1]);
  return [...names];
}
