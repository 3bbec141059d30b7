import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TRANSITIONS } from './transition-table';
import { workflowMermaid } from './workflow-diagram';

describe('the documented workflow', () => {
  it('embeds exactly the diagram generated from the transition table', () => {
    const doc = readFileSync(new URL('../../../../docs/workflow.md', import.meta.url), 'utf8');
    const match =
      /<!-- workflow-diagram:start -->\n```mermaid\n([\s\S]*?)\n```\n<!-- workflow-diagram:end -->/.exec(
        doc,
      );
    expect(match?.[1]).toBe(workflowMermaid());
  });

  it('draws an edge for every action', () => {
    const diagram = workflowMermaid();
    for (const t of TRANSITIONS) expect(diagram, t.action).toContain(`: ${t.action} (`);
  });
});
