export type Session = { cookie: string };

export type Measured = {
  name: string;
  who: string;
  url: string;
  status: number;
  rows: number | null;
  p50: number;
  p95: number;
  max: number;
  samples: number;
};

export async function login(base: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('cg_session='))
    ?.split(';')[0];
  if (!cookie) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  return { cookie };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Sequential GETs (one at a time, keep-alive): latency as a user waiting for the page sees it. */
export async function measure(
  base: string,
  s: Session,
  name: string,
  who: string,
  url: string,
  opts: { warmup?: number; samples?: number } = {},
): Promise<Measured> {
  const get = async () => {
    const t0 = performance.now();
    const res = await fetch(`${base}${url}`, { headers: { cookie: s.cookie, 'accept-language': 'vi' } });
    const body = await res.text();
    return { ms: performance.now() - t0, status: res.status, body };
  };
  let last = await get();
  if (last.status !== 200)
    return { name, who, url, status: last.status, rows: null, p50: 0, p95: 0, max: 0, samples: 0 };
  // A request far over any goal (seconds) is measured 5 times, not 30: the verdict is clear either way.
  const slow = last.ms > 2000;
  for (let i = 1; i < (slow ? 1 : (opts.warmup ?? 5)); i++) await get();
  const times: number[] = [];
  for (let i = 0; i < (slow ? 5 : (opts.samples ?? 30)); i++) {
    last = await get();
    times.push(last.ms);
  }
  times.sort((a, b) => a - b);
  let rows: number | null = null;
  try {
    const json = JSON.parse(last.body) as { items?: unknown[] };
    rows = Array.isArray(json.items) ? json.items.length : null;
  } catch {}
  return {
    name,
    who,
    url,
    status: last.status,
    rows,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: times.at(-1) ?? 0,
    samples: times.length,
  };
}
