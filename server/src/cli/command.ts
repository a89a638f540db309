/** A `dockwall` sub-command. `run` receives the arguments after the command name and returns the exit code. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  run(args: string[]): Promise<number>;
}
