import { TRANSITIONS } from './transition-table';

/**
 * The workflow as a Mermaid state diagram, generated from the transition table; the docs
 * embed this text and a test keeps them equal.
 */
export function workflowMermaid(): string {
  const lines = ['stateDiagram-v2', '  [*] --> DRAFT', '  [*] --> PENDING_ACCEPT'];
  for (const t of TRANSITIONS) {
    for (const from of t.from) {
      for (const to of t.to) {
        if (t.choose && t.to.length > 1 && t.from.length > 1 && from !== to) continue; // state-preserving actions
        lines.push(`  ${from} --> ${to}: ${t.action} (${t.roles.join('/')})`);
      }
    }
  }
  lines.push('  CLOSED --> [*]', '  VOID --> [*]');
  return lines.join('\n');
}
