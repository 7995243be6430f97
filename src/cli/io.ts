/** The CLI's window on the world, injectable so that golden tests capture stdout/stderr without spawning. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** true when stderr is a terminal: progress bars redraw in place; otherwise plain lines */
  readonly isTTY: boolean;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export function processIO(): CliIO {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    isTTY: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
    env: process.env,
  };
}

/** An IO that records everything, for tests. */
export function memoryIO(
  cwd: string,
  env: Record<string, string | undefined> = {},
): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), isTTY: false, cwd, env, out, err };
}
