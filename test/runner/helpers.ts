/** Helpers of the runner tests: temporary campaigns driven by the knb test double (fake-knb.mjs). */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const FAKE_KNB = join(HERE, 'fake-knb.mjs');
export const RUN_CLI = join(HERE, 'run-cli.mjs');

const created: string[] = [];

/** Remove every campaign made by makeCampaign in this test file (call from afterAll). */
export function removeCampaigns(): void {
  for (const root of created.splice(0)) rmSync(root, { recursive: true, force: true });
}

export interface Campaign {
  readonly dir: string;
  /** the double's state directory (attempt counters, invocations.log) */
  readonly state: string;
  readonly control: string;
  readonly env: Record<string, string | undefined>;
}

/** A fresh campaign directory with campaign.yaml (`knb:` pointing at the double) and control file. */
export function makeCampaign(runs: string, control: object = {}, top = 'name: test\n'): Campaign {
  const root = mkdtempSync(join(tmpdir(), 'cnibench-runner-'));
  created.push(root);
  const dir = join(root, 'campaign');
  const state = join(root, 'knb-state');
  const controlFile = join(root, 'control.json');
  mkdirSync(dir);
  writeFileSync(controlFile, JSON.stringify(control));
  writeFileSync(join(dir, 'campaign.yaml'), `${top}runs:\n  knb: ${FAKE_KNB}\n${runs}`);
  return {
    dir,
    state,
    control: controlFile,
    env: { ...process.env, FAKE_KNB_STATE: state, FAKE_KNB_CONTROL: controlFile },
  };
}

export interface Invocation {
  readonly name: string;
  readonly attempt: number;
  readonly pid: number;
  readonly argv: string[];
  readonly kubeconfig: string | null;
}

export function invocations(c: Campaign): Invocation[] {
  const file = join(c.state, 'invocations.log');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Invocation);
}

/** Every file under a directory, relative, sorted (optionally without the runner's state directory). */
export function listFiles(dir: string, withState = false): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        if (withState || name !== '.cnibench') walk(p);
      } else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

export function gunzipOk(path: string): boolean {
  const bytes = readFileSync(path);
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * True when a live (non-zombie) process is in the process group. Zombies count as gone: an orphan killed with its
 * group waits for init to reap it, and kill(-pgid, 0) would still succeed on it.
 */
export function groupAlive(pgid: number): boolean {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid pgrp ...: comm may contain spaces, so split after the last ')'
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z') return true;
  }
  return false;
}
