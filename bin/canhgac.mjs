#!/usr/bin/env node
// Node >= 22.18 runs the TypeScript sources directly (type stripping): no build step for the server.

// Short-lived commands run with a small young generation. Node 24 sizes it by the machine's RAM; with
// 23 GB, loading drizzle-orm and zod alone peaked at ~340 MB RSS, mostly garbage never collected
// before exit; with 8 MB semi-spaces it peaks at ~170 MB (docs/benchmarks.md, Scans). A V8 heap flag only takes effect at process start, so the process re-executes itself in place
// (same pid, stdio and signals; no wrapper process). `serve` and `worker` keep V8's defaults.
const SEMI_SPACE_FLAG = '--max-semi-space-size=8';
const LONG_RUNNING = new Set(['serve', 'worker']);
const command = process.argv[2];
const flagged = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('semi-space-size'));
if (
  command &&
  !command.startsWith('-') &&
  !LONG_RUNNING.has(command) &&
  !flagged &&
  typeof process.execve === 'function'
) {
  process.execve(process.execPath, [process.execPath, ...process.execArgv, SEMI_SPACE_FLAG, ...process.argv.slice(1)]);
}

const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
