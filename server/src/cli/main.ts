/**
 * `dockwall` command-line entry. Each sub-command lives in `commands/` and is registered below.
 * Exit codes: 0 clean, 1 findings or errors in the input, 2 usage errors or unreadable input.
 */
import type { Command } from './command';
import { lspCommand } from './commands/lsp';
import { parseCommand } from './commands/parse';
import { portsCommand } from './commands/ports';
import { dockerRulesCommand } from './commands/docker-rules';
import { traceCommand } from './commands/trace';
import { checkCommand } from './commands/check';
import { auditCommand } from './commands/audit';

const commands: Command[] = [
  parseCommand,
  lspCommand,
  portsCommand,
  dockerRulesCommand,
  traceCommand,
  checkCommand,
  auditCommand,
];

function usage(): string {
  const lines = ['usage: dockwall <command> [options]', '', 'commands:'];
  for (const c of commands) lines.push(`  ${c.name.padEnd(14)}${c.summary}`);
  lines.push('', "Run 'dockwall <command> --help' for a command's options.");
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  // bin/dockwall passes the arguments after `--`, out of Node's reach.
  const [name, ...rest] = argv[0] === '--' ? argv.slice(1) : argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  if (name === '--version') {
    process.stdout.write('dockwall 0.1.0\n');
    return 0;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    process.stderr.write(`dockwall: unknown command '${name}'\n\n${usage()}\n`);
    return 2;
  }
  return cmd.run(rest);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`dockwall: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
