/**
 * The language server reads `ipset save` output in a workspace as `dockwall check DIR` does: the
 * default ruleset globs select `*.ipset` / `ipset.conf`, and the sets decide the iptables rules
 * that name them (no DW009 "members are not known").
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { fileUri, withWorkspace } from './harness';

const FILES: Record<string, string> = {
  'compose.yaml': 'services:\n  db:\n    image: postgres\n    ports:\n      - "5432:5432"\n',
  'docker-user.rules': '*filter\n:DOCKER-USER - [0:0]\n-A DOCKER-USER -m set ! --match-set office src -j DROP\nCOMMIT\n',
  'office.ipset': 'create office hash:net family inet hashsize 1024 maxelem 65536\nadd office 198.51.100.0/24\n',
};

async function findingsOf(files: Record<string, string>): Promise<Diagnostic[]> {
  let found: Diagnostic[] = [];
  await withWorkspace(files, async (lsp, dir) => {
    const uri = fileUri(path.join(dir, 'compose.yaml'));
    await lsp.open(uri, 'dockercompose', files['compose.yaml']);
    found = (await lsp.diagnostics(uri, (ds: Diagnostic[]) => ds.some((d) => typeof d.code === 'string' && /^DW/.test(d.code)))).diagnostics;
  });
  return found;
}

describe('lsp: ipset save output in the workspace', function () {
  this.timeout(60_000);
  it('the sets of office.ipset decide --match-set office: the office network is told apart, no DW009', async () => {
    const ds = await findingsOf(FILES);
    assert.ok(!ds.some((d) => d.code === 'DW009'), JSON.stringify(ds.map((d) => d.message)));
    // the office's connections reach the container, whose replies the rule drops (they are not from the office)
    const dw010 = ds.find((d) => d.code === 'DW010');
    assert.match(String(dw010?.message), /from 198\.51\.100\.0\/24\).*--match-set office src -j DROP/, JSON.stringify(ds.map((d) => d.message)));
  });
  it('without the ipset file the set is unknown and said so (DW009)', async () => {
    const { ['office.ipset']: _omitted, ...rest } = FILES;
    const ds = await findingsOf(rest);
    assert.ok(ds.some((d) => d.code === 'DW009' && /ipset office/.test(String(d.message))), JSON.stringify(ds.map((d) => d.message)));
  });
});
