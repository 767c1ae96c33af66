import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Hit = { headers: http.IncomingHttpHeaders; body: string };

/**
 * A loopback HTTP receiver. `answer` decides each reply from the request number (1-based):
 * a status code, or 'hang' (never answer; closed when the receiver closes).
 */
export async function startReceiver(answer: (n: number, hit: Hit) => number | 'hang') {
  const hits: Hit[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const hit = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      hits.push(hit);
      const a = answer(hits.length, hit);
      if (a === 'hang') {
        hanging.add(res);
        return;
      }
      res.writeHead(a, { 'content-type': 'text/plain' }).end(a < 300 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    hits,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
