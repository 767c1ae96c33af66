import fs from 'node:fs/promises';
import path from 'node:path';

export type Credential = { username: string; password: string; roles: string[]; organisation: string };

/** Initial passwords, printed once and kept in a 0600 file in the data dir. */
export async function writeCredentials(dataDir: string, label: string, creds: Credential[]): Promise<string> {
  const file = path.join(dataDir, 'initial-credentials.txt');
  const lines = [
    `# CanhGac — ${label} — ${new Date().toISOString()}`,
    '# Change these passwords after the first login. This file is readable only by its owner.',
    ...creds.map((c) => `${c.username.padEnd(16)} ${c.password}  (${c.roles.join(', ')} @ ${c.organisation})`),
    '',
  ];
  await fs.mkdir(dataDir, { recursive: true });
  await fs.appendFile(file, lines.join('\n'), { mode: 0o600 });
  await fs.chmod(file, 0o600);
  return file;
}

export function formatCredentials(creds: Credential[]): string {
  return creds
    .map((c) => `  ${c.username.padEnd(16)} ${c.password}   ${c.roles.join(', ')} @ ${c.organisation}`)
    .join('\n');
}
