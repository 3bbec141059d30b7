import { CacheRegistry, DEFAULT_SETTINGS, type AppContext } from '@xiuhua/core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FakeClock } from './fake-clock';
import { createTestDb, type TestDb } from './test-db';

export type TestContext = AppContext & { db: TestDb; clock: FakeClock; close(): Promise<void> };

/** A context on a fresh database with a fake clock and a temporary data directory. */
export async function createTestContext(options: { clock?: FakeClock } = {}): Promise<TestContext> {
  const db = await createTestDb();
  return {
    db,
    clock: options.clock ?? new FakeClock(),
    dataDir: mkdtempSync(path.join(tmpdir(), 'xiuhua-test-')),
    settings: { ...DEFAULT_SETTINGS },
    caches: new CacheRegistry(),
    close: () => db.drop(),
  };
}
