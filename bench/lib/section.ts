// What every bench section gets and gives: the run's options, a progress log, and rows.
import type { Row } from './report';

export type BenchOptions = {
  /** `--quick`: small sizes, the whole run under a minute; for spot checks. */
  quick: boolean;
  seed: number;
  /** Unit grids of the synthetic city (default 40,000 in both modes). */
  grids: number;
  /** Components in the inventory (default 1 M; 10 M with --components=10000000). */
  components: number;
  /** Cases in the generated history (default 1 M; 10 M with --cases=10000000). */
  cases: number;
  /** PostgreSQL database with postgis for the bench (XIUHUA_BENCH_PG_URL). */
  pgUrl: string;
};

export type BenchEnv = {
  options: BenchOptions;
  /** Progress on stderr, so stdout stays the table. */
  log(message: string): void;
};

export type Section = {
  name: string;
  run(env: BenchEnv): Promise<Row[]>;
};
