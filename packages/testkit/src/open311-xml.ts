import { DOMParser, type Element } from '@xmldom/xmldom';

/** Repeated child elements of Open311 documents: these become JSON arrays. */
const LIST_ITEMS = new Set([
  'service',
  'attribute',
  'value',
  'request',
  'error',
  'endpoint',
  'format',
  'note',
  'photo',
  'request_update',
]);

function childElements(el: Element): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
  return out;
}

/**
 * Parses an Open311 XML document (failing on malformed XML) and turns it into the JSON shape the
 * spec mirrors: root dropped, list containers as arrays, empty elements as null, leaves as text.
 */
export function xmlToMirror(xml: string): { root: string; value: unknown } {
  if (!xml.startsWith('<?xml version="1.0" encoding="utf-8"?>'))
    throw new Error('missing the XML declaration');
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') errors.push(message);
    },
  }).parseFromString(xml, 'text/xml');
  if (errors.length > 0) throw new Error(`malformed XML: ${errors.join('; ')}`);
  const root = doc.documentElement;
  if (!root) throw new Error('no root element');
  const convert = (el: Element): unknown => {
    const children = childElements(el);
    if (children.length === 0) {
      const text = el.textContent ?? '';
      // An empty list container and an absent value both look like <x/>; callers compare loosely.
      return text === '' ? null : text;
    }
    const names = children.map((c) => c.tagName);
    const first = names[0] as string;
    if (LIST_ITEMS.has(first) && names.every((n) => n === first)) return children.map(convert);
    return Object.fromEntries(children.map((c) => [c.tagName, convert(c)]));
  };
  return { root: root.tagName, value: convert(root) };
}

/** JSON values as XML would carry them: leaves as strings, nulls and empty arrays as null. */
export function jsonAsXmlText(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value.map(jsonAsXmlText);
  if (typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, jsonAsXmlText(v)]),
    );
  return typeof value === 'string' ? value : JSON.stringify(value);
}
