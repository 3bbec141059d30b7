import type { AppContext } from '../context';

/**
 * A value built once per context and dropped when the named cache is invalidated (e.g. after
 * grid imports). A failed build is not kept, so the next call tries again.
 */
export function perContextCache<T>(
  invalidatedBy: string,
  build: (ctx: AppContext) => Promise<T>,
): (ctx: AppContext) => Promise<T> {
  const cache = new WeakMap<AppContext, Promise<T>>();
  const registered = new WeakSet<AppContext>();
  return (ctx) => {
    let entry = cache.get(ctx);
    if (!entry) {
      entry = build(ctx);
      cache.set(ctx, entry);
      entry.catch(() => cache.delete(ctx));
      if (!registered.has(ctx)) {
        registered.add(ctx);
        ctx.caches.on(invalidatedBy, () => cache.delete(ctx));
      }
    }
    return entry;
  };
}
