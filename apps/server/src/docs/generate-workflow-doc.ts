// Rewrites the generated parts of docs/workflow.md from the transition table: `npm run docs:workflow`.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TRANSITIONS, workflowMermaid } from '@xiuhua/domain';

const DOC = fileURLToPath(new URL('../../../../docs/workflow.md', import.meta.url));

function replaceBetween(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`docs/workflow.md lacks the ${name} markers`);
  return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
}

const table = [
  '| action | from | to | roles | clock | opinion |',
  '|---|---|---|---|---|---|',
  ...TRANSITIONS.map(
    (t) =>
      `| \`${t.action}\` ${t.label.zh} | ${t.from.join(', ')} | ${t.to.join(' / ')} | ${t.roles.join(', ')} | ${t.clock} | ${t.opinionRequired ? 'yes' : ''} |`,
  ),
].join('\n');

let doc = readFileSync(DOC, 'utf8');
doc = replaceBetween(doc, 'workflow-diagram', `\`\`\`mermaid\n${workflowMermaid()}\n\`\`\``);
doc = replaceBetween(doc, 'workflow-actions', table);
writeFileSync(DOC, doc);
process.stdout.write(`updated ${DOC}\n`);
