/**
 * The Open311 GeoReport v2 document model. One tree renders to both formats: XML with a root
 * element, and JSON that mirrors it with the root dropped, repeated children as arrays (even with
 * one element), and absent values as null (empty elements in XML).
 */
export type O311Value = string | number | boolean | null | O311Object | O311List;
export type O311Object = {
  readonly kind: 'object';
  readonly fields: Readonly<Record<string, O311Value>>;
};
export type O311List = {
  readonly kind: 'list';
  readonly item: string;
  readonly items: readonly O311Value[];
};
/** A whole response: the root element's name and its content. */
export type O311Document = { readonly root: string; readonly body: O311Object | O311List };

export const obj = (fields: Record<string, O311Value>): O311Object => ({ kind: 'object', fields });
export const list = (item: string, items: readonly O311Value[]): O311List => ({
  kind: 'list',
  item,
  items,
});

function isNode(value: O311Value): value is O311Object | O311List {
  return typeof value === 'object' && value !== null;
}

export function toJsonValue(value: O311Value): unknown {
  if (!isNode(value)) return value;
  if (value.kind === 'list') return value.items.map(toJsonValue);
  return Object.fromEntries(Object.entries(value.fields).map(([k, v]) => [k, toJsonValue(v)]));
}

/** The JSON body: the root element is dropped. */
export function renderJson(doc: O311Document): string {
  return JSON.stringify(toJsonValue(doc.body));
}

const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function escapeXml(text: string): string {
  return (
    text
      // Characters XML 1.0 cannot carry at all are dropped rather than producing a broken file.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

function element(name: string, value: O311Value): string {
  if (!XML_NAME.test(name)) throw new Error(`not an XML element name: ${name}`);
  if (value === null) return `<${name}/>`;
  if (!isNode(value)) return `<${name}>${escapeXml(String(value))}</${name}>`;
  if (value.kind === 'list') {
    return `<${name}>${value.items.map((item) => element(value.item, item)).join('')}</${name}>`;
  }
  const inner = Object.entries(value.fields)
    .map(([k, v]) => element(k, v))
    .join('');
  return `<${name}>${inner}</${name}>`;
}

export function renderXml(doc: O311Document): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(doc.root, doc.body)}`;
}

export type O311Format = 'json' | 'xml';

export const O311_CONTENT_TYPES: Record<O311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

export function render(doc: O311Document, format: O311Format): string {
  return format === 'json' ? renderJson(doc) : renderXml(doc);
}

/** The errors body: several errors allowed, each with a code and a description. */
export function errorsDocument(
  errors: readonly { code: number; description: string }[],
): O311Document {
  return {
    root: 'errors',
    body: list(
      'error',
      errors.map((e) => obj({ code: String(e.code), description: e.description })),
    ),
  };
}

/** Date-times with seconds and the service's time zone (China Standard Time, +08:00). */
export function o311DateTime(at: Date | null): string | null {
  if (!at) return null;
  const local = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19);
  return `${local}+08:00`;
}
