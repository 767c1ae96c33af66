// The load generator of the intake benchmark, run as its own process (a second process on loopback):
// autocannon POSTs reports with unique external ids; every external id answered 2xx is written to a
// file, one a line, for the database check afterwards. Prints autocannon's result as JSON.
// Usage: node bench/intake/autocannon-load.ts '{"url":…,"token":…,"prefix":…,"seconds":…,"connections":…,"rate":…,"out":…[,"path":…,"body":"wazuh"]}'
import fs from 'node:fs';
import autocannon from 'autocannon';
import { wazuhAlertBody } from './alert-body.ts';
import { reportBody } from './report-body.ts';

type Args = {
  url: string;
  token: string;
  prefix: string;
  seconds: number;
  connections: number;
  /** requests per second overall; 0 = as fast as the server answers */
  rate: number;
  out: string;
  /** POST /api/reports (default) or a SIEM source's webhook path */
  path?: string;
  body?: 'report' | 'wazuh';
};

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const out = fs.createWriteStream(args.out);
let n = 0;
type Context = { externalId?: string };

const result = await autocannon({
  url: args.url,
  connections: args.connections,
  duration: args.seconds,
  ...(args.rate > 0 ? { overallRate: args.rate } : {}),
  workers: 0,
  headers: { authorization: `Bearer ${args.token}`, 'content-type': 'application/json' },
  requests: [
    {
      method: 'POST',
      path: args.path ?? '/api/reports',
      setupRequest: (req, context) => {
        const i = n++;
        const externalId = `${args.prefix}-${i}`;
        (context as Context).externalId = externalId;
        return { ...req, body: args.body === 'wazuh' ? wazuhAlertBody(externalId, i) : reportBody(externalId, i) };
      },
      onResponse: (status, _body, context) => {
        if (status >= 200 && status < 300) out.write(`${(context as Context).externalId}\n`);
      },
    },
  ],
});
await new Promise<void>((resolve) => out.end(resolve));
process.stdout.write(
  `${JSON.stringify({
    seconds: result.duration,
    cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    sent: result.requests.sent,
    requestsAverage: result.requests.average,
    requestsMin: result.requests.min,
    total2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latency: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      average: result.latency.average,
    },
  })}\n`,
);
