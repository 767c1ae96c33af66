// Builds the web UI into dist/web. With --if-stale, only when a source file is newer than the build.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'dist/web/index.html');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return latest;
}

const ifStale = process.argv.includes('--if-stale');
if (ifStale && fs.existsSync(built)) {
  const sources = Math.max(
    newest(path.join(root, 'web')),
    newest(path.join(root, 'src/shared')),
    // the level helper runs the server's pure engine in the browser
    newest(path.join(root, 'src/engines/levels')),
    fs.statSync(path.join(root, 'vite.config.ts')).mtimeMs,
  );
  if (sources <= fs.statSync(built).mtimeMs) process.exit(0);
}
process.stdout.write('building the web interface (vite)…\n');
const vite = path.join(root, 'node_modules/vite/bin/vite.js');
const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
