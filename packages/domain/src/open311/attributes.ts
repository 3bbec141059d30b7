import { list, obj, type O311Value } from './document';

export type AttributeDatatype =
  'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

export type ServiceAttribute = {
  /** false = information shown to the user, not a question. */
  variable: boolean;
  code: string;
  datatype: AttributeDatatype;
  required: boolean;
  datatypeDescription: string | null;
  /** Positive and unique within a definition. */
  order: number;
  description: string;
  values: readonly { key: string; name: string }[];
};

export type AttributeAnswer = string | number | string[];
export type AttributeProblem = { code: string; reason: string };

export function attributeNode(a: ServiceAttribute): O311Value {
  const isList = a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist';
  return obj({
    variable: a.variable,
    code: a.code,
    datatype: a.datatype,
    required: a.required,
    datatype_description: a.datatypeDescription,
    order: a.order,
    description: a.description,
    values: isList
      ? list(
          'value',
          a.values.map((v) => obj({ key: v.key, name: v.name })),
        )
      : null,
  });
}

const MAX_TEXT = 4000;

/**
 * Checks the submitted `attribute[CODE]` values against a definition. Empty values count as
 * absent; codes not in the definition are ignored; information-only attributes take no answer.
 * Returns the typed answers, or every problem found.
 */
export function validateAttributes(
  attributes: readonly ServiceAttribute[],
  submitted: ReadonlyMap<string, readonly string[]>,
):
  | { ok: true; answers: Record<string, AttributeAnswer> }
  | { ok: false; problems: AttributeProblem[] } {
  const answers: Record<string, AttributeAnswer> = {};
  const problems: AttributeProblem[] = [];
  for (const a of attributes) {
    if (!a.variable) continue;
    const raw = (submitted.get(a.code) ?? []).map((v) => v.trim()).filter((v) => v !== '');
    if (raw.length === 0) {
      if (a.required) problems.push({ code: a.code, reason: 'required' });
      continue;
    }
    const keys = new Set(a.values.map((v) => v.key));
    switch (a.datatype) {
      case 'multivaluelist': {
        const outside = raw.filter((v) => !keys.has(v));
        if (outside.length > 0)
          problems.push({ code: a.code, reason: `not in the list: ${outside.join(', ')}` });
        else answers[a.code] = [...new Set(raw)];
        break;
      }
      case 'singlevaluelist':
        if (raw.length > 1) problems.push({ code: a.code, reason: 'takes one value' });
        else if (!keys.has(raw[0] as string))
          problems.push({ code: a.code, reason: `not in the list: ${raw[0]}` });
        else answers[a.code] = raw[0] as string;
        break;
      case 'number': {
        const n = Number(raw[0]);
        if (raw.length > 1 || !Number.isFinite(n))
          problems.push({ code: a.code, reason: 'must be a number' });
        else answers[a.code] = n;
        break;
      }
      case 'datetime': {
        const value = raw[0] as string;
        if (raw.length > 1 || !ISO_DATETIME.test(value) || Number.isNaN(Date.parse(value)))
          problems.push({ code: a.code, reason: 'must be an ISO 8601 date-time' });
        else answers[a.code] = new Date(value).toISOString();
        break;
      }
      case 'string':
      case 'text': {
        const value = raw.join('\n');
        if (value.length > MAX_TEXT)
          problems.push({ code: a.code, reason: `longer than ${MAX_TEXT} characters` });
        else answers[a.code] = value;
        break;
      }
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, answers };
}

export const ISO_DATETIME =
  /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Reads `attribute[CODE]` and `attribute[CODE][]` keys of a parsed form body into lists of
 * values per code.
 */
export function collectAttributeParams(
  form: Readonly<Record<string, string | readonly string[] | undefined>>,
): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const [key, value] of Object.entries(form)) {
    const match = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
    if (!match || value === undefined) continue;
    const code = match[1] as string;
    const values = typeof value === 'string' ? [value] : [...value];
    result.set(code, [...(result.get(code) ?? []), ...values]);
  }
  return result;
}
