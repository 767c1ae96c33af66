// CPU seconds spent by the server: its Node process plus the embedded postmaster and every backend
// it forked. On a shared machine, CPU time per report is steadier than wall-clock throughput.
import fs from 'node:fs/promises';
import path from 'node:path';

const TICKS = 100;

async function stat(pid: number): Promise<{ ppid: number; cpu: number } | undefined> {
  const text = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  if (!text) return undefined;
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) / TICKS };
}

export async function serverCpu(appPid: number, dataDir: string): Promise<{ app: number; postgres: number }> {
  const app = (await stat(appPid))?.cpu ?? 0;
  const pidFile = await fs.readFile(path.join(dataDir, 'pg/postmaster.pid'), 'utf8').catch(() => '');
  const postmaster = Number(pidFile.split('\n')[0]);
  if (!postmaster) return { app, postgres: 0 };
  let postgres = (await stat(postmaster))?.cpu ?? 0;
  for (const entry of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = await stat(Number(entry));
    if (s?.ppid === postmaster) postgres += s.cpu;
  }
  return { app, postgres };
}
