import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export type CliRun = { code: number | null; stdout: string; stderr: string };

/**
 * Runs `canhgac ARGS` as a real subprocess (Node 24, English messages). The environment is the
 * test's, without any DATABASE_URL or CANHGAC_* setting, plus `env` (undefined removes a key).
 * Standard input is an empty pipe unless `stdin` is given, as in a script.
 */
export function runCli(args: string[], env: Record<string, string | undefined>, stdin = ''): Promise<CliRun> {
  const merged: Record<string, string | undefined> = { ...process.env, LC_ALL: undefined, LANG: 'C.UTF-8' };
  for (const k of Object.keys(merged)) if (k === 'DATABASE_URL' || k.startsWith('CANHGAC_')) delete merged[k];
  Object.assign(merged, env);
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(merged)) if (v !== undefined) clean[k] = v;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/canhgac.mjs', ...args], { cwd: ROOT, env: clean, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    // EPIPE: the CLI exited without reading its input.
    child.stdin.on('error', () => {});
    child.stdin.end(stdin);
  });
}
