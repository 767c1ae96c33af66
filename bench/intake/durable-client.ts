// A client that keeps sending reports while the server may die under it: `concurrency` keep-alive
// loops, each report retried with the same external id until it gets a 2xx. Every external id that
// was answered 2xx is recorded — those are the reports the server promised to keep.
import http from 'node:http';
import { reportBody } from './report-body.ts';

export type DurableRun = {
  /** external ids answered 201 (created) or 200 (already there) */
  accepted: Set<string>;
  created: number;
  resent: number;
  /** deliberate re-sends of an accepted report (every `resendEvery`-th): each must answer 200 */
  duplicatesSent: number;
  duplicatesAnswered200: number;
  /** attempts that failed (connection refused/reset, 5xx) and were retried */
  failedAttempts: number;
  /** 4xx answers: a bug in the client or the server (never retried) */
  rejected: number;
  latenciesMs: number[];
};

type Options = {
  port: number;
  token: string;
  concurrency: number;
  /** prefix of every external id (unique per run) */
  prefix: string;
  /** keep going until this resolves; then finish the reports in flight (with retries) and stop */
  until: Promise<void>;
  /** pause between a failed attempt and its retry */
  retryDelayMs?: number;
  /** re-send every n-th accepted report once more at once (a client that retries too eagerly) */
  resendEvery?: number;
};

function post(agent: http.Agent, o: Options, body: string): Promise<{ status: number }> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: o.port,
        path: '/api/reports',
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${o.token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
        res.on('error', () => resolve({ status: 0 }));
      },
    );
    req.setTimeout(30_000, () => req.destroy());
    req.on('error', () => resolve({ status: 0 }));
    req.end(body);
  });
}

export async function runDurableClient(o: Options): Promise<DurableRun> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency });
  const out: DurableRun = {
    accepted: new Set(),
    created: 0,
    resent: 0,
    duplicatesSent: 0,
    duplicatesAnswered200: 0,
    failedAttempts: 0,
    rejected: 0,
    latenciesMs: [],
  };
  let stopping = false;
  void o.until.then(() => {
    stopping = true;
  });
  // Until answered: a failed attempt (refused, reset, 5xx) is sent again with the same body.
  const answered = async (body: string): Promise<{ status: number; ms: number }> => {
    for (;;) {
      const t0 = performance.now();
      const { status } = await post(agent, o, body);
      if (status > 0 && status < 500) return { status, ms: performance.now() - t0 };
      out.failedAttempts++;
      await new Promise((r) => setTimeout(r, o.retryDelayMs ?? 100));
    }
  };
  let next = 0;
  const loop = async () => {
    while (!stopping) {
      const n = next++;
      const externalId = `${o.prefix}-${n}`;
      const body = reportBody(externalId, n);
      // Once started, a report is sent until it is answered: the client's side of "nothing lost".
      const { status, ms } = await answered(body);
      if (status !== 200 && status !== 201) {
        out.rejected++;
        continue;
      }
      out.latenciesMs.push(ms);
      out.accepted.add(externalId);
      if (status === 201) out.created++;
      else out.resent++;
      if (o.resendEvery && n % o.resendEvery === 0) {
        out.duplicatesSent++;
        if ((await answered(body)).status === 200) out.duplicatesAnswered200++;
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, loop));
  agent.destroy();
  return out;
}
