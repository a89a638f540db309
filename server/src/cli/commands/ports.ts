/**
 * `dockwall ports [-f FILE]... [--project-directory DIR] [--env-file FILE] [--profile P]... [-p NAME] [--json]`
 * Prints the published ports of a compose project as compose normalises them, with their source.
 */
import * as nodePath from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../command';
import { composePortsJson, loadComposeProject } from '../../core/compose';
import { createFsReader } from '../../host/fs-reader';

const HELP = `usage: dockwall ports [-f FILE]... [FILE.yaml | DIR] [--project-directory DIR] [--env-file FILE]... [--profile P]... [-p NAME] [--json]

Prints every published port of a compose project (after interpolation, merging, extends and
include, as 'docker compose config' computes them) with the file position that defined it.
  --json   print {"services": {NAME: {"ports": [...]}}} like 'docker compose config --format json'

Example:
  dockwall ports -f compose.yaml --env-file .env.production
`;

export const portsCommand: Command = {
  name: 'ports',
  summary: 'list the published ports of a compose project, with sources',
  async run(args: string[]): Promise<number> {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        options: {
          file: { type: 'string', short: 'f', multiple: true },
          'project-directory': { type: 'string' },
          'project-name': { type: 'string', short: 'p' },
          'env-file': { type: 'string', multiple: true },
          profile: { type: 'string', multiple: true },
          json: { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
        allowPositionals: true,
      });
    } catch (e) {
      process.stderr.write(`dockwall ports: ${e instanceof Error ? e.message : String(e)}\n${HELP}`);
      return 2;
    }
    const v = parsed.values;
    // `dockwall ports compose.yaml`: a file named without -f is taken as -f (a folder as --project-directory).
    const files = [...(v.file ?? [])];
    let projectDirectory = v['project-directory'];
    for (const p of parsed.positionals) {
      if (/\.ya?ml$/i.test(p)) files.push(p);
      else if (projectDirectory === undefined) projectDirectory = p;
      else {
        process.stderr.write(`dockwall ports: unexpected argument ${JSON.stringify(p)} (compose files end in .yaml or .yml; one project directory)\n${HELP}`);
        return 2;
      }
    }
    if (v.help) {
      process.stdout.write(HELP);
      return 0;
    }
    const env: Record<string, string> = {};
    for (const [k, val] of Object.entries(process.env)) if (val !== undefined) env[k] = val;
    const reader = createFsReader();
    const result = loadComposeProject(reader, {
      cwd: process.cwd(),
      files: files.length > 0 ? files : undefined,
      projectDirectory,
      projectName: v['project-name'],
      envFiles: v['env-file'],
      profiles: v.profile,
      env,
    });
    const rel = (f: string): string => {
      const r = nodePath.relative(process.cwd(), f);
      return r.startsWith('..') ? f : r;
    };
    let errors = 0;
    // How the files were decoded (a warning for text that is not valid UTF-8), then the project's own.
    const decoding = result.value.files.flatMap((f) => reader.readDiagnostics(f));
    for (const d of [...decoding, ...result.diagnostics]) {
      if (d.severity === 'error') errors++;
      const where = `${rel(d.span.file)}:${d.span.range.start.line + 1}:${d.span.range.start.character + 1}`;
      process.stderr.write(`${where}: ${d.severity}: ${d.message}\n`);
    }
    const json = composePortsJson(result.value);
    if (errors > 0) return 1;
    if (v.json) {
      process.stdout.write(JSON.stringify(json, null, 2) + '\n');
      return 0;
    }
    const rows: string[][] = [['SERVICE', 'HOST IP', 'PUBLISHED', 'TARGET', 'PROTO', 'NOTE', 'SOURCE']];
    for (const s of result.value.services.values()) {
      for (const p of s.ports) {
        const notes = [
          !s.active ? 'inactive profile' : '',
          s.portsIgnored ? 'network_mode: host (ignored)' : '',
          p.dependsOnUnset ? `unset: ${p.source.unsetVariables.join(',')}` : '',
        ].filter((x) => x);
        const it = p.source.item;
        rows.push([
          s.name,
          p.hostIp ?? '(default: all)',
          p.published ?? '(ephemeral)',
          String(p.target),
          p.protocol,
          notes.join('; '),
          `${rel(it.file)}:${it.range.start.line + 1}:${it.range.start.character + 1}`,
        ]);
      }
    }
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    for (const r of rows) process.stdout.write(r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd() + '\n');
    return 0;
  },
};
