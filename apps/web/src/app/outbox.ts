import { ref, toRaw } from 'vue';
import { api, HttpError } from '../shared/api';
import { idb, STORES } from './idb';

/**
 * The app's outbox: every report and task result is written to IndexedDB first and sent from
 * there, in order, whenever the network is up. Each HTTP step carries an idempotency key derived
 * from the item, so a retry after a lost answer never creates anything twice.
 */
export type QueuedPhoto = { kind: 'before' | 'after'; blob: Blob; name: string };

type Base = {
  id: string;
  createdAt: string;
  label: string;
  status: 'pending' | 'failed';
  error?: string;
};

export type ReportItem = Base & {
  kind: 'report';
  body: {
    description: string;
    lng: number;
    lat: number;
    address?: string | null;
    classId?: number | null;
    componentId?: string | null;
  };
  selfDispose: boolean;
  photos: QueuedPhoto[];
  caseId?: number;
  uploaded: number;
};

export type ActionItem = Base & {
  kind: 'action';
  caseId: number;
  action: string;
  version: number;
  opinion?: string;
};

export type PointsItem = Base & {
  kind: 'points';
  points: { at: string; lng: number; lat: number; accuracyM: number | null }[];
};

export type OutboxItem = ReportItem | ActionItem | PointsItem;

export const pending = ref<OutboxItem[]>([]);
export const flushing = ref(false);

export function newId(): string {
  return `${Date.now().toString(36)}-${crypto.randomUUID()}`;
}

export async function loadOutbox(): Promise<void> {
  const items = await idb.all<OutboxItem>(STORES.outbox);
  pending.value = items.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function enqueue(item: OutboxItem): Promise<void> {
  await idb.put(STORES.outbox, toRaw(item));
  await loadOutbox();
  void flush();
}

export async function discard(id: string): Promise<void> {
  await idb.delete(STORES.outbox, id);
  await loadOutbox();
}

export async function retry(id: string): Promise<void> {
  const found = pending.value.find((i) => i.id === id);
  if (!found) return;
  // Items go to IndexedDB as plain objects, never as Vue proxies (those cannot be cloned).
  const item = toRaw(found);
  await idb.put(STORES.outbox, { ...item, status: 'pending', error: undefined });
  await loadOutbox();
  void flush();
}

async function save(item: OutboxItem): Promise<void> {
  await idb.put(STORES.outbox, item);
}

async function currentVersion(caseId: number): Promise<number> {
  return (await api<{ version: number }>('GET', `/api/cases/${caseId}`)).version;
}

/** Takes an action; a stale version (someone else moved the case) is re-read once. */
async function act(caseId: number, action: string, version: number, key: string, opinion?: string) {
  const body = { version, ...(opinion ? { opinion } : {}) };
  try {
    await api('POST', `/api/cases/${caseId}/actions/${action}`, { body, idempotencyKey: key });
  } catch (error) {
    if (!(error instanceof HttpError) || error.code !== 'STALE_VERSION') throw error;
    const fresh = { ...body, version: await currentVersion(caseId) };
    await api('POST', `/api/cases/${caseId}/actions/${action}`, {
      body: fresh,
      idempotencyKey: `${key}:v${fresh.version}`,
    });
  }
}

async function sendReport(item: ReportItem): Promise<void> {
  if (item.caseId === undefined) {
    const created = await api<{ id: number }>('POST', '/api/cases', {
      body: { source: 'supervisor', draft: true, ...item.body },
      idempotencyKey: `${item.id}:create`,
    });
    item.caseId = created.id;
    await save(item);
  }
  const caseId = item.caseId;
  for (let i = item.uploaded; i < item.photos.length; i++) {
    const photo = item.photos[i];
    if (!photo) continue;
    const form = new FormData();
    form.append('file', photo.blob, photo.name);
    await api('POST', `/api/cases/${caseId}/photos?kind=${photo.kind}`, {
      form,
      idempotencyKey: `${item.id}:photo:${i}`,
    });
    item.uploaded = i + 1;
    await save(item);
  }
  const version = await currentVersion(caseId);
  await act(caseId, item.selfDispose ? 'self_dispose' : 'report', version, `${item.id}:send`);
}

async function send(item: OutboxItem): Promise<void> {
  switch (item.kind) {
    case 'report':
      return sendReport(item);
    case 'action':
      return act(item.caseId, item.action, item.version, `${item.id}:act`, item.opinion);
    case 'points':
      await api('POST', '/api/patrol/points', { body: { points: item.points } });
      return;
  }
}

/** Sends pending items in order; stops at the first network failure (we are offline). */
export async function flush(): Promise<void> {
  if (flushing.value || !navigator.onLine) return;
  flushing.value = true;
  try {
    await loadOutbox();
    for (const proxied of pending.value) {
      const item = toRaw(proxied);
      if (item.status !== 'pending') continue;
      try {
        await send(item);
        await idb.delete(STORES.outbox, item.id);
      } catch (error) {
        if (error instanceof HttpError && error.permanent) {
          await save({ ...item, status: 'failed', error: `${error.code}: ${error.message}` });
          continue;
        }
        break;
      }
    }
  } finally {
    await loadOutbox();
    flushing.value = false;
  }
}

/** Seconds between send attempts while something waits (and while the server is unreachable). */
const RETRY_EVERY_MS = 5_000;

export function startOutbox(): void {
  window.addEventListener('online', () => void flush());
  setInterval(() => {
    if (pending.value.some((i) => i.status === 'pending')) void flush();
  }, RETRY_EVERY_MS);
  void loadOutbox().then(flush);
}
