/**
 * netavark's rules in an `iptables-save` text, and two such sets compared: shared by the real-Podman
 * suite (run.ts) and test/firewalld-diff's Podman scenario.
 */

/** netavark's rules of a dump (lines that name a NETAVARK chain), per table and chain, with container IDs blanked. */
export function netavarkRules(save: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let table = '';
  for (const raw of save.split('\n')) {
    if (raw.startsWith('*')) table = raw.slice(1);
    if (!raw.startsWith('-A ') || !/NETAVARK/.test(raw)) continue;
    const rule = raw.replace(/id: [0-9a-f]{64}/, 'id: ID').replace(/id: [^"]+"/, 'id: ID"');
    const chain = rule.split(' ')[1];
    const key = `${table} ${chain}`;
    out.set(key, [...(out.get(key) ?? []), rule]);
  }
  return out;
}

export function compareRules(real: Map<string, string[]>, synth: Map<string, string[]>): string[] {
  const problems: string[] = [];
  for (const key of new Set([...real.keys(), ...synth.keys()])) {
    const a = [...(real.get(key) ?? [])].sort();
    const b = [...(synth.get(key) ?? [])].sort();
    const missing = a.filter((x) => !b.includes(x));
    const extra = b.filter((x) => !a.includes(x));
    if (a.length !== b.length || missing.length || extra.length)
      problems.push(`${key}: real ${a.length} rules, Dockwall ${b.length}${missing.map((m) => `\n      missing: ${m}`).join('')}${extra.map((m) => `\n      extra:   ${m}`).join('')}`);
    // Order matters where netavark does not follow podman's port map: the built-in chains and per-network chains.
    else if (!/HOSTPORT-DNAT|NETAVARK-DN-/.test(key) && (real.get(key) ?? []).join('\n') !== (synth.get(key) ?? []).join('\n')) problems.push(`${key}: same rules in another order`);
  }
  return problems;
}
