import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from '../connection/create-db';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

export type MigrationResult = { applied: string[]; alreadyApplied: number };

/**
 * Applies every pending SQL migration in file-name order, each in its own transaction,
 * under the database's exclusive session so concurrent starts take turns. A migration
 * whose file changed after it was applied is refused: migrations are append-only.
 */
export async function runMigrations(
  db: Db,
  dir: string = MIGRATIONS_DIR,
): Promise<MigrationResult> {
  const files = readdirSync(dir)
    .filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name))
    .sort();
  return db.exclusive(async (session) => {
    await session.exec(`create table if not exists schema_migrations (
      name text primary key,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`);
    const rows = await session.query<{ name: string; checksum: string }>(
      'select name, checksum from schema_migrations',
    );
    const done = new Map(rows.map((row) => [row.name, row.checksum]));
    const applied: string[] = [];
    for (const name of files) {
      const script = readFileSync(`${dir}/${name}`, 'utf8');
      const checksum = createHash('sha256').update(script).digest('hex');
      const previous = done.get(name);
      if (previous !== undefined) {
        if (previous !== checksum) {
          throw new Error(
            `migration ${name} was changed after it was applied; add a new migration instead`,
          );
        }
        continue;
      }
      await session.exec('begin');
      try {
        await session.exec(script);
        await session.query('insert into schema_migrations (name, checksum) values ($1, $2)', [
          name,
          checksum,
        ]);
        await session.exec('commit');
      } catch (error) {
        await session.exec('rollback');
        throw new Error(`migration ${name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(name);
    }
    return { applied, alreadyApplied: done.size };
  });
}
