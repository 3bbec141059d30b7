import { ref } from 'vue';

/** HTTP to our own server (same origin, session cookie). */

/**
 * Whether the server answered the last request. navigator.onLine alone is not enough: a phone
 * can be "online" on a network that does not reach the server.
 */
export const reachable = ref(true);
export type ApiError = { status: number; code: string; message: string };

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The error's details when the server sent some (e.g. an import's problem report). */
    readonly details?: unknown,
  ) {
    super(message);
  }
  /** 4xx answers other than 408/429 will not change on retry: the item needs a person. */
  get permanent(): boolean {
    return this.status >= 400 && this.status < 500 && this.status !== 408 && this.status !== 429;
  }
}

export async function api<T>(
  method: string,
  url: string,
  options: {
    body?: unknown;
    form?: FormData;
    /** A file sent as it is (imports): its text and content type. */
    raw?: { text: string; type: string };
    idempotencyKey?: string;
  } = {},
): Promise<T> {
  const headers: Record<string, string> = { 'accept-language': document.documentElement.lang };
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.raw) {
    headers['content-type'] = options.raw.type;
    body = options.raw.text;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body, credentials: 'same-origin' });
  } catch (error) {
    reachable.value = false;
    throw error;
  }
  reachable.value = true;
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = (
      parsed as { error?: { code?: string; message?: string; details?: unknown } } | null
    )?.error;
    throw new HttpError(
      response.status,
      error?.code ?? 'HTTP_ERROR',
      error?.message ?? text,
      error?.details,
    );
  }
  return parsed as T;
}

export type Me = { id: number; username: string; displayName: string; roles: string[] };
export type CaseSummary = {
  id: number;
  caseNumber: string;
  state: string;
  version: number;
  description: string;
  address: string | null;
  lng: number | null;
  lat: number | null;
  light: string | null;
  createdAt: string;
  source: string;
  timers?: { step: string; dueAt: string | null; light: string; remainingMinutes: number }[];
};
export type PickerClass = {
  id: number;
  serviceCode: string;
  kind: string;
  name: string;
  bigName: string;
  pinyin: string;
  initials: string;
};
export type Geometry =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };
export type MyGrid = {
  code: string;
  name: string | null;
  geometry: Geometry;
  responsibilityGridCode: string;
  responsibilityGridName: string;
};
