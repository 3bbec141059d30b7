import { serveCommand } from './commands/serve.command';
import { usersCreateCommand } from './commands/users-create.command';
import { seedDemoCommand } from './commands/seed-demo.command';
import { importCommand } from './commands/import.command';
import { verifyAuditCommand } from './commands/verify-audit.command';

const HELP = `xiuhua — 绣花 城市网格化综合管理平台 command line

  xiuhua serve                       start the platform (seeds the demo district on an empty database)
  xiuhua seed-demo                   seed the Yangpu demo district into an empty database
  xiuhua import grids <file.geojson> [--crs gcj02] [--dry-run]
  xiuhua import components <file.csv|file.geojson> [--crs gcj02]
  xiuhua import divisions <file.csv|file.geojson> [--crs gcj02]
  xiuhua import classes <file.csv> --standard gbt2026|legacy|local
  xiuhua users create --username … --password … --role …
  xiuhua verify-audit [--case ID]     re-compute the case action-log hash chains

Environment: PORT (3000), DATABASE_URL (unset = embedded PGlite), XIUHUA_DATA_DIR (./data).
Commands other than serve work on the local database in-process, or on a running server
with --url http://host:3000 --token <API token> (or XIUHUA_URL / XIUHUA_TOKEN).`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serveCommand(rest);
    case 'seed-demo':
      return seedDemoCommand(rest);
    case 'import':
      return importCommand(rest);
    case 'verify-audit':
      return verifyAuditCommand(rest);
    case 'users':
      if (rest[0] === 'create') return usersCreateCommand(rest.slice(1));
      process.stderr.write('usage: xiuhua users create --help\n');
      return 2;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${HELP}\n`);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`未知命令 / unknown command: ${command}\n\n${HELP}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== -1) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
