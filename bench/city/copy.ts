// Bulk loading with COPY … FROM STDIN (text format) through `pg`, with backpressure.
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type CopyValue =
  string | number | boolean | Date | null | readonly number[] | readonly string[];

function escapeText(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** One value in COPY's text format: \N for null, arrays as {…}, dates in ISO 8601. */
export function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'string') return escapeText(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  return escapeText(
    `{${value.map((v) => (typeof v === 'number' ? String(v) : JSON.stringify(v))).join(',')}}`,
  );
}

export function copyLine(values: readonly CopyValue[]): string {
  return `${values.map(copyField).join('\t')}\n`;
}

export type CopyWriter = {
  /** Queues lines; resolves when the stream can take more. */
  write(lines: string): Promise<void>;
  /** Ends the COPY and resolves when the server has the rows; returns how many lines were sent. */
  end(): Promise<number>;
};

/** Opens a COPY into `table (columns)` on its own pooled connection. */
export async function openCopy(
  pool: pg.Pool,
  table: string,
  columns: readonly string[],
): Promise<CopyWriter> {
  const client = await pool.connect();
  const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
  let failure: Error | null = null;
  stream.on('error', (error: Error) => (failure = error));
  let lines = 0;
  return {
    async write(text) {
      if (failure) throw failure;
      lines += text.split('\n').length - 1;
      if (!stream.write(text)) {
        await new Promise<void>((resolve, reject) => {
          stream.once('drain', resolve);
          stream.once('error', reject);
        });
      }
    },
    async end() {
      await new Promise<void>((resolve, reject) => {
        if (failure) return reject(failure);
        stream.once('finish', resolve);
        stream.once('error', reject);
        stream.end();
      });
      client.release();
      return lines;
    },
  };
}

/** Drops a table's secondary indexes (not keys) and gives back the statements recreating them. */
export async function dropSecondaryIndexes(pool: pg.Pool, table: string): Promise<string[]> {
  const { rows } = await pool.query<{ indexname: string; indexdef: string }>(
    `select i.indexname, i.indexdef from pg_indexes i
     where i.schemaname = 'public' and i.tablename = $1
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    [table],
  );
  for (const row of rows) await pool.query(`drop index ${row.indexname}`);
  return rows.map((r) => r.indexdef);
}

/**
 * Drops a table's foreign keys (rows of several tables are loaded at once, each on its own
 * connection) and gives back the statements adding them again, which check every row.
 */
export async function dropForeignKeys(pool: pg.Pool, table: string): Promise<string[]> {
  const { rows } = await pool.query<{ conname: string; def: string }>(
    `select conname, pg_get_constraintdef(oid) as def from pg_constraint
     where conrelid = $1::regclass and contype = 'f'`,
    [table],
  );
  for (const row of rows) await pool.query(`alter table ${table} drop constraint ${row.conname}`);
  return rows.map((r) => `alter table ${table} add constraint ${r.conname} ${r.def}`);
}
