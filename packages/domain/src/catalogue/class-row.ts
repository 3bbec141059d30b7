import type { LocalizedText } from '../errors/app-error';
import { parseCsv } from './csv';

export type ClassStandard = 'GB/T 47678.5-2026' | 'CJ/T 214-2007' | 'local';
export type ClassKind = 'component' | 'matter' | 'event';

export type ClassRow = {
  standard: ClassStandard;
  kind: ClassKind;
  bigCode: string;
  bigName: string;
  code: string;
  name: string;
};

const KINDS: Record<ClassStandard, readonly ClassKind[]> = {
  'GB/T 47678.5-2026': ['component', 'matter'],
  'CJ/T 214-2007': ['component', 'event'],
  local: ['component', 'matter', 'event'],
};

const CODE_PATTERN: Record<ClassStandard, RegExp> = {
  'GB/T 47678.5-2026': /^\d{5}$/,
  'CJ/T 214-2007': /^\d{4}$/,
  local: /^\d{4,5}$/,
};

export const CLASS_CSV_HEADER = ['kind', 'big_code', 'big_name', 'code', 'name'] as const;

/**
 * Parses a class directory (kind,big_code,big_name,code,name) of one standard: 2026 codes
 * have 5 digits (big 2 + small 3), legacy CJ/T 214 codes 4, local extensions 4 or 5.
 */
export function parseClassCsv(
  text: string,
  standard: ClassStandard,
): { rows: ClassRow[]; rejected: { line: number; reason: LocalizedText }[] } {
  const { header, rows } = parseCsv(text);
  if (header.join(',') !== CLASS_CSV_HEADER.join(',')) {
    return {
      rows: [],
      rejected: [
        {
          line: 1,
          reason: {
            zh: `表头须为 ${CLASS_CSV_HEADER.join(',')}`,
            en: `the header must be ${CLASS_CSV_HEADER.join(',')}`,
          },
        },
      ],
    };
  }
  const accepted: ClassRow[] = [];
  const rejected: { line: number; reason: LocalizedText }[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, values } of rows) {
    const [kind = '', bigCode = '', bigName = '', code = '', name = ''] = values.map((v) =>
      v.trim(),
    );
    const reject = (zh: string, en: string) => rejected.push({ line, reason: { zh, en } });
    if (!(KINDS[standard] as readonly string[]).includes(kind)) {
      reject(
        `类型 ${kind} 不属于 ${standard}`,
        `kind "${kind}" is not used by ${standard} (${KINDS[standard].join('/')})`,
      );
    } else if (!CODE_PATTERN[standard].test(code)) {
      reject(`代码 ${code} 格式不符合 ${standard}`, `code "${code}" does not fit ${standard}`);
    } else if (!/^\d{2}$/.test(bigCode) || !code.startsWith(bigCode)) {
      reject(
        `代码 ${code} 与大类 ${bigCode} 不符`,
        `code ${code} does not start with big class ${bigCode}`,
      );
    } else if (!name || name.length > 100) {
      reject('名称为空或超过 100 字', 'name is empty or longer than 100 characters');
    } else if (!bigName) {
      reject('大类名称为空', 'big class name is empty');
    } else if (firstLine.has(`${kind}:${code}`)) {
      reject(
        `与第 ${firstLine.get(`${kind}:${code}`)} 行重复`,
        `duplicates line ${firstLine.get(`${kind}:${code}`)}`,
      );
    } else {
      firstLine.set(`${kind}:${code}`, line);
      accepted.push({ standard, kind: kind as ClassKind, bigCode, bigName, code, name });
    }
  }
  return { rows: accepted, rejected };
}
