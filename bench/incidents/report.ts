import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Measured } from './measure.ts';
import type { Scale, SeedTimings } from './seed.ts';

export function machineLine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`;
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '–');

export function resultTable(results: Measured[]): string {
  const lines = [
    '| request | as | status | rows | samples | p50 ms | p95 ms | max ms | target |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const target = r.name.startsWith('dashboard') ? 500 : 100;
    const verdict = r.status !== 200 ? 'not measured' : r.p95 <= target ? `≤ ${target} ✓` : `≤ ${target} ✗`;
    lines.push(
      `| ${r.name} \`${r.url}\` | ${r.who} | ${r.status} | ${r.rows ?? '–'} | ${r.samples} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.max)} | ${verdict} |`,
    );
  }
  return lines.join('\n');
}

export function seedLines(scale: Scale, timings: SeedTimings, sizes: string): string {
  const total = timings.reduce((s, t) => s + t.seconds, 0);
  const steps = timings.map((t) => `${t.step} ${t.seconds.toFixed(1)} s`).join(', ');
  return `Seed: ${scale.incidents.toLocaleString('en')} incidents, ${scale.reports.toLocaleString('en')} reports, ${scale.tasks.toLocaleString('en')} tasks, ${scale.observables.toLocaleString('en')} observables across ${scale.organisations} organisations in ${total.toFixed(0)} s (${steps}). Database size: ${sizes}.`;
}

/** Replaces (or appends) the "Incidents" section of docs/benchmarks.md. */
export async function writeIncidentsSection(root: string, section: string): Promise<void> {
  const file = path.join(root, 'docs/benchmarks.md');
  const body = await fs.readFile(file, 'utf8').catch(() => '# Benchmarks\n');
  const marker = /## Incidents \(issue #5\)[\s\S]*?(?=\n## |$)/;
  await fs.writeFile(
    file,
    marker.test(body) ? body.replace(marker, `${section.trimEnd()}\n`) : `${body.trimEnd()}\n\n${section}`,
  );
}
