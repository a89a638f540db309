/**
 * `dockwall parse FILE...`: syntax check of rulesets (nftables, iptables-save, nft JSON).
 * Prints `FILE:LINE:COL: error: MESSAGE` per syntax error (1-based).
 * Exit: 0 all clean, 1 any syntax error, 2 unreadable input or unknown format.
 */
import { parseArgs } from 'node:util';
import { detectFormat, type SourceFormat } from '../../core/syntax/detect';
import { checkSyntax } from '../../core/syntax/check';
import { languages } from '../../host/assets';
import { createFsReader } from '../../host/fs-reader';
import type { Command } from '../command';
import { formatDiagnostic } from '../format';
import { isIpsetSave, parseIpsetSave } from '../../core/netfilter/ipset';

const FORMATS: readonly SourceFormat[] = ['nftables', 'iptables', 'nft-json'];

export const parseCommand: Command = {
  name: 'parse',
  summary: 'syntax-check nftables, iptables-save and nft JSON files',
  async run(args) {
    let parsed;
    try {
      parsed = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
    } catch (e) {
      process.stderr.write(`dockwall parse: ${(e as Error).message}\n`);
      return 2;
    }
    const { values, positionals } = parsed;
    if (values.help || positionals.length === 0) {
      process.stdout.write(
        'usage: dockwall parse [--format nftables|iptables|nft-json] FILE...\n\n' +
          'Syntax-checks rulesets as nft -c and iptables-restore --test would: FILE:LINE:COL: error: MESSAGE.\n' +
          'The releases judged are nftables 1.0.6 and iptables 1.8.9 (Debian 12): a file only a later\n' +
          'release takes (a ct timeout of `2m3s`) is refused, with the release named in the message.\n' +
          'Exit 0 clean, 1 errors, 2 unreadable input.\n\n' +
          'Example:\n  dockwall parse /etc/nftables.conf /etc/iptables/rules.v4\n',
      );
      return values.help ? 0 : 2;
    }
    const forced = values.format as SourceFormat | undefined;
    if (forced && !FORMATS.includes(forced)) {
      process.stderr.write(`dockwall parse: unknown format '${forced}' (expected ${FORMATS.join(', ')})\n`);
      return 2;
    }
    const langs = await languages();
    let code = 0;
    const reader = createFsReader();
    for (const file of positionals) {
      const text = reader.read(file);
      if (text === undefined) {
        process.stderr.write(`${file}: error: cannot read: ${reader.problems.get(file)}\n`);
        code = 2;
        continue;
      }
      // text that is not valid UTF-8: a warning, and the file is still checked
      for (const d of reader.readDiagnostics(file)) process.stdout.write(formatDiagnostic(d) + '\n');
      if (!forced && isIpsetSave(text)) {
        // `ipset save` output (read beside iptables rules): its own reader's warnings
        for (const d of parseIpsetSave(file, text).diagnostics) process.stdout.write(formatDiagnostic(d) + '\n');
        continue;
      }
      const format = forced ?? detectFormat(file, text);
      if (!FORMATS.includes(format)) {
        process.stderr.write(`${file}: error: cannot tell whether this is an nftables, iptables-save or nft JSON file; use --format\n`);
        code = 2;
        continue;
      }
      const result = checkSyntax(langs, file, text, format);
      for (const d of result.diagnostics) process.stdout.write(formatDiagnostic(d) + '\n');
      if (result.diagnostics.some((d) => d.severity === 'error') && code === 0) code = 1;
    }
    return code;
  },
};
