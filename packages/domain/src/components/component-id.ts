import type { LocalizedText } from '../errors/app-error';

export type ComponentStandard = 'GB/T 47678.5-2026' | 'CJ/T 214-2007';

export type ParsedComponentId =
  | { ok: true; standard: ComponentStandard; county: string; classCode: string; sequence: string }
  | { ok: false; reason: LocalizedText };

/**
 * Component IDs: legacy 16 digits = county 6 + class 4 + sequence 6 (CJ/T 214);
 * 2026 17 digits = county 6 + class 5 + sequence 6 (GB/T 47678.5-2026).
 */
export function parseComponentId(id: string): ParsedComponentId {
  if (!/^\d+$/.test(id) || (id.length !== 16 && id.length !== 17)) {
    return {
      ok: false,
      reason: {
        zh: '部件编码须为 16 位（旧标准）或 17 位（2026 标准）数字',
        en: 'must be 16 (legacy) or 17 (2026) digits',
      },
    };
  }
  const classLength = id.length === 17 ? 5 : 4;
  const sequence = id.slice(6 + classLength);
  if (/^0+$/.test(sequence))
    return {
      ok: false,
      reason: { zh: '顺序码不能为 000000', en: 'the sequence must not be 000000' },
    };
  return {
    ok: true,
    standard: id.length === 17 ? 'GB/T 47678.5-2026' : 'CJ/T 214-2007',
    county: id.slice(0, 6),
    classCode: id.slice(6, 6 + classLength),
    sequence,
  };
}
