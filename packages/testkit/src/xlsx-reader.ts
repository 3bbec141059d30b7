import { strFromU8, unzipSync } from 'fflate';

export type ReadSheet = { name: string; rows: (string | number | boolean | null)[][] };

const unescape = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? 'A';
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

/**
 * Reads back a workbook written with inline strings, numbers and booleans (what our exports
 * write): every sheet in workbook order, cells placed by their reference. For tests.
 */
export function readXlsx(bytes: Uint8Array): ReadSheet[] {
  const files = unzipSync(bytes);
  const text = (path: string) => {
    const file = files[path];
    if (!file) throw new Error(`workbook has no ${path}`);
    return strFromU8(file);
  };
  const workbook = text('xl/workbook.xml');
  const rels = text('xl/_rels/workbook.xml.rels');
  const targets = new Map(
    [...rels.matchAll(/<Relationship Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1], m[2]]),
  );
  return [...workbook.matchAll(/<sheet name="([^"]*)" sheetId="\d+" r:id="([^"]+)"\/>/g)].map(
    (m) => {
      const xml = text(`xl/${targets.get(m[2] ?? '') ?? ''}`);
      const rows = [...xml.matchAll(/<row r="\d+">(.*?)<\/row>/g)].map((row) => {
        const cells: (string | number | boolean | null)[] = [];
        for (const c of (row[1] ?? '').matchAll(
          /<c r="([A-Z]+\d+)"(?: t="(\w+)")?(?: s="\d+")?>(.*?)<\/c>/g,
        )) {
          const [, ref = 'A1', type, body = ''] = c;
          const value =
            type === 'inlineStr'
              ? unescape(/<t[^>]*>(.*?)<\/t>/s.exec(body)?.[1] ?? '')
              : type === 'b'
                ? /<v>1<\/v>/.test(body)
                : Number(/<v>(.*?)<\/v>/.exec(body)?.[1]);
          cells[columnIndex(ref)] = value;
        }
        return Array.from(cells, (v) => v ?? null);
      });
      return { name: unescape(m[1] ?? ''), rows };
    },
  );
}
