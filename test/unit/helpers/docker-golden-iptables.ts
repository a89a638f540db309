/**
 * Pulls the iptables rule listings out of moby's generated markdown docs (shared/docker-golden):
 * runs of 4-space indented `-P/-N/-A/-I ...` lines (`iptables -S` style), with the table named in
 * the nearest preceding prose ("The filter table ...", "Table nat:", "<summary>nat table</summary>").
 */
export interface GoldenBlock {
  readonly table: string;
  /** The commands, dedented, one per line, ending with a line break. */
  readonly text: string;
  /** 1-based line of the block's first command in the markdown file. */
  readonly line: number;
}

const COMMAND = /^ {4}-[A-Z](?: |$)/;
const TABLE = /\b(?:(filter|nat|raw|mangle|security) table|table (filter|nat|raw|mangle|security))\b/i;

export function goldenIptablesBlocks(markdown: string): GoldenBlock[] {
  const lines = markdown.split('\n');
  const blocks: GoldenBlock[] = [];
  let table = 'filter';
  for (let i = 0; i < lines.length; i++) {
    const named = TABLE.exec(lines[i]);
    if (named && !lines[i].startsWith('    ')) table = (named[1] ?? named[2]).toLowerCase();
    if (!COMMAND.test(lines[i])) continue;
    const start = i;
    const body: string[] = [];
    while (i < lines.length && COMMAND.test(lines[i])) body.push(lines[i++].slice(4).trimEnd());
    blocks.push({ table, text: body.join('\n') + '\n', line: start + 1 });
  }
  return blocks;
}
