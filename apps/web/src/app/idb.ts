/** A minimal promise wrapper over one IndexedDB database with two stores. */
const DB_NAME = 'xiuhua-app';
const DB_VERSION = 1;
export const STORES = { outbox: 'outbox', cache: 'cache' } as const;
type StoreName = (typeof STORES)[keyof typeof STORES];

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(STORES.outbox))
        db.createObjectStore(STORES.outbox, { keyPath: 'id' });
      if (!db.objectStoreNames.contains(STORES.cache)) db.createObjectStore(STORES.cache);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB unavailable'));
  });
  return opening;
}

function run<T>(
  store: StoreName,
  mode: IDBTransactionMode,
  body: (s: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(store, mode);
        const request = body(tx.objectStore(store));
        tx.oncomplete = () => resolve(request.result);
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
        tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
      }),
  );
}

export const idb = {
  put: <T>(store: StoreName, value: T, key?: IDBValidKey) =>
    run(store, 'readwrite', (s) => s.put(value, key)),
  get: <T>(store: StoreName, key: IDBValidKey) =>
    run(store, 'readonly', (s) => s.get(key) as IDBRequest<T | undefined>),
  all: <T>(store: StoreName) => run(store, 'readonly', (s) => s.getAll() as IDBRequest<T[]>),
  delete: (store: StoreName, key: IDBValidKey) => run(store, 'readwrite', (s) => s.delete(key)),
};
