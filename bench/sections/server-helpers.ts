// Child servers for the HTTP sections (bench/sections/server-child.ts): spawned with plain
// `node --import tsx` (so the pid is the server's own, for /proc/<pid>/status), their log kept
// for the report, stopped with SIGTERM (SIGKILL after a grace period) — and killed when the
// bench process exits for any reason.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const READY_PREFIX = '@@bench-ready ';

export type ChildReady = {
  pid: number;
  port: number;
  /** API tokens the child issued, by username (BENCH_TOKEN_USERS). */
  tokens: Record<string, string>;
  /** Points inside unit grids (BENCH_SAMPLE_POINTS). */
  points: [number, number][];
};

export type ChildMode = 'serve' | 'noop' | 'seed';

export type ChildServer = ChildReady & {
  mode: ChildMode;
  url: string;
  /** The last lines the child wrote (stdout log lines and stderr). */
  logTail(): string[];
  /** Log lines at pino level warn (40) or above. */
  problems(): string[];
  /** VmRSS and VmHWM of the child, in bytes. */
  memory(): { rss: number; hwm: number };
  stop(): Promise<void>;
};

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./server-child.ts', import.meta.url));
const TAIL = 60;
const STOP_GRACE_MS = 30_000;

const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const killAll = () => {
    for (const child of live) child.kill('SIGKILL');
  };
  process.once('exit', killAll);
  // A signal ends the bench without 'exit': kill the children, then die of the same signal.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.once(signal, () => {
      killAll();
      process.kill(process.pid, signal);
    });
}

function readStatus(pid: number): { rss: number; hwm: number } {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1]);
  return { rss: kib('VmRSS') * 1024, hwm: kib('VmHWM') * 1024 };
}

export type SpawnOptions = {
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Write a V8 CPU profile to this directory when the child exits (XIUHUA_BENCH_CPU_PROF). */
  cpuProfDir?: string;
};

/** Starts a child server and resolves when it reports ready. */
export async function spawnChild(
  mode: ChildMode,
  options: SpawnOptions = {},
): Promise<ChildServer> {
  installExitHook();
  const profile = options.cpuProfDir ?? process.env.XIUHUA_BENCH_CPU_PROF;
  const nodeArgs = [
    ...(profile && mode !== 'seed' ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
    '--import',
    'tsx',
    CHILD,
    mode,
  ];
  const child = spawn(process.execPath, nodeArgs, {
    cwd: REPO,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  const tail: string[] = [];
  const problems: string[] = [];
  const remember = (line: string) => {
    if (!line) return;
    tail.push(line);
    if (tail.length > TAIL) tail.shift();
    const level = /"level":(\d+)/.exec(line);
    if ((level && Number(level[1]) >= 40) || /error/i.test(line)) {
      if (problems.length < 1000) problems.push(line);
    }
  };
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code) => {
      exited = code;
      live.delete(child);
      resolve();
    });
  });

  const readyInfo = await new Promise<ChildReady>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bench child ${mode} not ready after ${options.timeoutMs ?? 120_000} ms`));
    }, options.timeoutMs ?? 120_000);
    let buffered = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line.startsWith(READY_PREFIX)) {
          clearTimeout(timer);
          resolve(JSON.parse(line.slice(READY_PREFIX.length)) as ChildReady);
        } else remember(line);
      }
    });
    let errBuffered = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      errBuffered += chunk;
      const lines = errBuffered.split('\n');
      errBuffered = lines.pop() ?? '';
      for (const line of lines) remember(line);
    });
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`bench child ${mode} exited (${exited}) before ready:\n${tail.join('\n')}`));
    });
  });
  return {
    ...readyInfo,
    mode,
    url: `http://127.0.0.1:${readyInfo.port}`,
    logTail: () => [...tail],
    problems: () => [...problems],
    memory: () => readStatus(readyInfo.pid),
    async stop() {
      if (exited !== undefined) return;
      child.kill('SIGTERM');
      const grace = setTimeout(() => {
        remember(`bench: ${mode} child did not stop within ${STOP_GRACE_MS} ms; killed`);
        child.kill('SIGKILL');
      }, STOP_GRACE_MS);
      await exit;
      clearTimeout(grace);
    },
  };
}

/** Stops every child given, ignoring ones already stopped. */
export async function stopAll(children: readonly (ChildServer | undefined)[]): Promise<void> {
  await Promise.all(children.map((c) => (c ? c.stop() : Promise.resolve())));
}

/**
 * Starts children at once (their start-ups overlap), adding each started one to `started` so
 * the caller can stop them even when another failed to start.
 */
export async function startChildren(
  starts: (() => Promise<ChildServer>)[],
  started: ChildServer[],
): Promise<ChildServer[]> {
  const settled = await Promise.allSettled(starts.map((start) => start()));
  for (const s of settled) if (s.status === 'fulfilled') started.push(s.value);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<ChildServer>).value);
}

/** A key for the seeded PGlite template: changes when a migration or the demo sources change. */
function templateKey(): string {
  const hash = createHash('sha256');
  for (const dir of ['packages/db/migrations', 'apps/server/src/demo']) {
    const full = path.join(REPO, dir);
    for (const name of readdirSync(full, { recursive: true }).map(String).sort()) {
      hash.update(name);
      try {
        hash.update(readFileSync(path.join(full, name)));
      } catch {
        // a directory
      }
    }
  }
  hash.update(readFileSync(path.join(REPO, 'packages/core/src/demo/seed-demo.command.ts')));
  return hash.digest('hex').slice(0, 16);
}

/**
 * A fresh copy of a PGlite database migrated and seeded with the demo district (without
 * history). Seeding takes ~20 s, so the seeded database is kept in the temp directory as a
 * template and copied for each run; the copy is removed by `dispose`.
 */
export async function freshPgliteCopy(
  log: (message: string) => void,
): Promise<{ dir: string; url: string; dispose(): void }> {
  const template = path.join(tmpdir(), `xiuhua-bench-pglite-${templateKey()}`);
  if (!existsSync(template)) {
    log('intake: seeding the PGlite demo template (once, ~20 s) …');
    const building = mkdtempSync(`${template}-building-`);
    const seeding = await spawnChild('seed', {
      env: { DATABASE_URL: `pglite://${building}`, XIUHUA_DATA_DIR: building },
      timeoutMs: 300_000,
    });
    await seeding.stop();
    try {
      renameSync(building, template);
    } catch (error) {
      // Another run built the same template meanwhile: use theirs.
      rmSync(building, { recursive: true, force: true });
      if (!existsSync(template)) throw error;
    }
    // Templates of older migrations or demo sources are of no further use.
    for (const name of readdirSync(tmpdir())) {
      const old = path.join(tmpdir(), name);
      if (/^xiuhua-bench-pglite-[0-9a-f]{16}$/.test(name) && old !== template)
        rmSync(old, { recursive: true, force: true });
    }
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'xiuhua-bench-pglite-run-'));
  cpSync(template, dir, { recursive: true });
  return {
    dir,
    url: `pglite://${dir}`,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
