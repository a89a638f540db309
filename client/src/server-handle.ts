/**
 * The language client's life: start, restart, and `ready()` for commands, which waits while the
 * server starts (or restarts after a crash) and otherwise explains, instead of throwing, that the
 * server is not running. Also re-sends the imported host rulesets to every new server process.
 */
import * as path from 'node:path';
import { EventEmitter, window, workspace, type Disposable, type ExtensionContext, type LogOutputChannel } from 'vscode';
import {
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { ImportedRulesetsNotification, StatusNotification, type ImportedRulesetsParams, type StatusParams } from '../../server/src/lsp/protocol';
import type { ServerState } from './pure/status';
import { FIREWALLD_AND_QUADLET_PATTERNS } from './pure/selectors';

const READY_TIMEOUT_MS = 30_000;

export class ServerHandle implements Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<void> | undefined;
  private readonly stateEmitter = new EventEmitter<ServerState>();
  private readonly statusEmitter = new EventEmitter<StatusParams>();
  private subscriptions: Disposable[] = [];
  /** The last imported host rulesets, sent again after each (re)start. */
  imported: ImportedRulesetsParams = { sources: [] };
  readonly onDidChangeState = this.stateEmitter.event;
  readonly onStatus = this.statusEmitter.event;

  constructor(
    private readonly context: ExtensionContext,
    readonly output: LogOutputChannel,
  ) {}

  get state(): ServerState {
    if (!this.client) return 'stopped';
    switch (this.client.state) {
      case State.Running:
        return 'running';
      case State.Starting:
        return 'starting';
      default:
        return this.starting ? 'starting' : 'stopped';
    }
  }

  private create(): LanguageClient {
    const module = this.context.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
    };
    const config = workspace.getConfiguration('dockwall');
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'nftables' },
        { scheme: 'file', language: 'iptables' },
        { scheme: 'file', language: 'dockercompose' },
        { scheme: 'file', language: 'yaml', pattern: '**/{compose,docker-compose}*.{yml,yaml}' },
        // by name whatever the language: firewalld's XML (zones, policies, services, direct.xml)
        // and firewalld.conf, and Podman's Quadlet units, which VS Code knows no language for
        ...FIREWALLD_AND_QUADLET_PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
      ],
      initializationOptions: { debounceMs: config.get<number>('debounceMs', 150) },
      // didChangeConfiguration for dockwall.*; the server may also ask with workspace/configuration
      synchronize: { configurationSection: 'dockwall' },
      outputChannel: this.output,
      traceOutputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
    };
    const client = new LanguageClient('dockwall', 'Dockwall', serverOptions, clientOptions);
    this.subscriptions.push(
      client.onNotification(StatusNotification, (p: StatusParams) => this.statusEmitter.fire(p)),
      client.onDidChangeState((e) => {
        if (e.newState === State.Running) {
          this.stateEmitter.fire('running');
          if (this.imported.sources.length) {
            client.sendNotification(ImportedRulesetsNotification, this.imported).catch((err) => this.output.error(`re-sending imported rulesets: ${String(err)}`));
          }
        } else this.stateEmitter.fire(e.newState === State.Starting ? 'starting' : 'stopped');
      }),
    );
    return client;
  }

  /** Starts the server if it is not running; never throws (failures go to the output channel). */
  start(): Promise<void> {
    if (this.starting) return this.starting;
    if (this.client?.state === State.Running) return Promise.resolve();
    this.client ??= this.create();
    const client = this.client;
    this.stateEmitter.fire('starting');
    this.starting = client
      .start()
      .catch((e) => {
        this.output.error(`The Dockwall language server did not start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        this.stateEmitter.fire('stopped');
      })
      .finally(() => {
        this.starting = undefined;
      });
    return this.starting;
  }

  /** Stops the current server process (if any) and starts a fresh one. */
  async restart(): Promise<void> {
    if (this.starting) await this.starting;
    const old = this.client;
    this.client = undefined;
    for (const d of this.subscriptions.splice(0)) d.dispose();
    if (old) {
      try {
        if (old.needsStop()) await old.stop(2000);
      } catch (e) {
        this.output.warn(`stopping the old server: ${e instanceof Error ? e.message : String(e)}`);
      }
      void old.dispose(0).catch(() => undefined);
    }
    this.output.info('Restarting the Dockwall language server');
    await this.start();
  }

  /**
   * The running client, waiting up to `timeoutMs` while it starts. Undefined (after telling the
   * user why, with a way out) when the server is not running.
   */
  async ready(timeoutMs = READY_TIMEOUT_MS): Promise<LanguageClient | undefined> {
    if (!this.client && !this.starting) void this.start();
    const deadline = Date.now() + timeoutMs;
    while (this.client?.state !== State.Running && Date.now() < deadline) {
      if (this.state === 'stopped') break;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(250, Math.max(0, deadline - Date.now())));
        const sub = this.stateEmitter.event(() => {
          clearTimeout(t);
          sub.dispose();
          resolve();
        });
      });
    }
    if (this.client?.state === State.Running) return this.client;
    const waited = this.state === 'starting';
    const message = waited
      ? 'Dockwall: the language server is still starting; try again in a moment.'
      : 'Dockwall: the language server is not running (see the Dockwall output).';
    void window.showWarningMessage(message, 'Restart server', 'Show output').then((pick) => {
      if (pick === 'Restart server') void this.restart();
      else if (pick === 'Show output') this.output.show(true);
    });
    return undefined;
  }

  dispose(): void {
    for (const d of this.subscriptions.splice(0)) d.dispose();
    this.stateEmitter.dispose();
    this.statusEmitter.dispose();
  }

  /** Stops the server (deactivation). */
  async stop(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (c?.needsStop()) await c.stop(2000).catch(() => undefined);
  }
}
