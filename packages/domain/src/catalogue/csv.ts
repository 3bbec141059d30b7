export type CsvRow = { line: number; values: string[] };
export type CsvTable = { header: string[]; rows: CsvRow[] };

/**
 * Parses RFC 4180 CSV: fields separated by commas, records by CRLF, LF or a lone CR; a field in
 * double quotes may hold commas, line breaks and doubled quotes (`""` → `"`). A leading BOM is
 * dropped and header names are trimmed; other values are returned as written. Empty lines are
 * skipped. `line` is the 1-based physical line on which a record starts (the header is line 1),
 * so a reason can point at the line an editor shows even after quoted line breaks. The parser
 * never fails: an unterminated quote runs to the end of the text, where validation of the
 * resulting record reports it.
 */
export function parseCsv(text: string): CsvTable {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRow[] = [];
  let values: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;

  const endRecord = () => {
    values.push(field);
    const blank = values.length === 1 && values[0] === '';
    if (!blank) records.push({ line: recordLine, values });
    values = [];
    field = '';
  };

  for (let i = 0; i < source.length; i++) {
    const ch = source.charAt(i);
    if (inQuotes) {
      if (ch !== '"') {
        if (ch === '\n' || (ch === '\r' && source.charAt(i + 1) !== '\n')) line++;
        field += ch;
      } else if (source.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else {
        inQuotes = false;
      }
    } else if (ch === '"') {
      inQuotes = true;
    } else if (ch === ',') {
      values.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && source.charAt(i + 1) === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
    }
  }
  if (field !== '' || values.length > 0 || inQuotes) endRecord();

  const [first, ...rows] = records;
  return { header: (first?.values ?? []).map((name) => name.trim()), rows };
}
