import type { LocalizedText } from '../errors/app-error';

export type ParsedGridCode =
  | {
      ok: true;
      county: string;
      street: string;
      community: string;
      sequence: string;
      streetCode: string;
      communityCode: string;
    }
  | { ok: false; reason: LocalizedText };

/**
 * Unit grid code (GB/T 30428.1): 15 digits = county 6 + street/town 3 (first digit 0 street,
 * 1 town, 2–3 township) + community 3 + sequence 3 (001–999, west→east, north→south).
 */
export function parseGridCode(code: string): ParsedGridCode {
  if (!/^\d{15}$/.test(code))
    return {
      ok: false,
      reason: {
        zh: `网格编码 "${code}" 须为 15 位数字`,
        en: `grid code "${code}" must be 15 digits`,
      },
    };
  const street = code.slice(6, 9);
  const sequence = code.slice(12);
  if (!/^[0-3]/.test(street))
    return {
      ok: false,
      reason: { zh: '街道（乡镇）码首位须为 0–3', en: 'the street/town part must start with 0–3' },
    };
  if (code.slice(9, 12) === '000')
    return {
      ok: false,
      reason: { zh: '社区码不能为 000', en: 'the community part must not be 000' },
    };
  if (sequence === '000')
    return {
      ok: false,
      reason: { zh: '网格顺序码须为 001–999', en: 'the sequence must be 001–999' },
    };
  return {
    ok: true,
    county: code.slice(0, 6),
    street,
    community: code.slice(9, 12),
    sequence,
    streetCode: code.slice(0, 9),
    communityCode: code.slice(0, 12),
  };
}

export type ParsedDivisionCode =
  | { ok: true; level: 'district' | 'street' | 'community'; parentCode: string | null }
  | { ok: false; reason: LocalizedText };

/** Statistical division codes (统计用区划代码): county 6, street 9, community 12 digits. */
export function parseDivisionCode(code: string): ParsedDivisionCode {
  if (!/^\d+$/.test(code) || ![6, 9, 12].includes(code.length)) {
    return {
      ok: false,
      reason: {
        zh: `区划代码 "${code}" 须为 6、9 或 12 位数字`,
        en: `division code "${code}" must have 6, 9 or 12 digits`,
      },
    };
  }
  if (code.length === 6) return { ok: true, level: 'district', parentCode: null };
  if (code.length === 9) return { ok: true, level: 'street', parentCode: code.slice(0, 6) };
  return { ok: true, level: 'community', parentCode: code.slice(0, 9) };
}
