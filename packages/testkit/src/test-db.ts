import { randomBytes } from 'node:crypto';
import { createDb, runMigrations, type Db } from '@xiuhua/db';
import { sql } from 'kysely';

/** `url` is undefined for in-memory PGlite, which no other process can open. */
export type TestDb = Db & { url: string | undefined; drop(): Promise<void> };

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new
 * database on the PostgreSQL server named by DATABASE_URL (dropped again by `drop`).
 */
export async function createTestDb(): Promise<TestDb> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await createDb('pglite://memory');
    await runMigrations(db);
    return { ...db, url: undefined, drop: () => db.close() };
  }
  const name = `xiuhua_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = await createDb(url);
  await sql`create database ${sql.id(name)}`.execute(admin.kysely);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = await createDb(target.toString());
  await runMigrations(db);
  return {
    ...db,
    url: target.toString(),
    async drop() {
      await db.close();
      // No FORCE: DROP DATABASE itself waits a few seconds for closing backends to exit.
      await sql`drop database if exists ${sql.id(name)}`.execute(admin.kysely);
      await admin.close();
    },
  };
}
