import http from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';

/** A loopback web server playing organisations' portal pages, for the publication checks. */
export type PortalServer = { base: string; close(): Promise<void>; hits: Map<string, number> };

export const CONTACT = { email: 'truc.atttt@sotttt.example', phone247: '0235 3900 101' };

const PAGES: Record<string, string> = {
  '/plain': `<!doctype html><html><head><meta charset="utf-8"><title>Liên hệ</title></head><body>
    <h1>Đầu mối ứng cứu sự cố</h1><p>Điện thoại trực 24/7: +84 235 3900 101</p>
    <p>Thư điện tử: <a href="mailto:truc.atttt@sotttt.example">truc.atttt@sotttt.example</a></p></body></html>`,
  '/obfuscated': `<html><body><script>document.write('0235 3900 101 truc.atttt@sotttt.example')</script>
    <p>ĐT: (0235) 3.900.101 — Email: truc.atttt [at] sotttt [dot] example</p></body></html>`,
  '/entities': '<p>Email: truc.atttt&#64;sotttt&period;example &nbsp; SĐT: 84-235-3900101</p>',
  '/none': '<html><body><p>Trang đang cập nhật. Điện thoại tổng đài: 0235 3811 111</p></body></html>',
  '/only-script': '<script>var c = "0235 3900 101 truc.atttt@sotttt.example";</script><p>Liên hệ</p>',
};

const TONES = /[\u0300\u0301\u0303\u0309\u0323]$/;

/** windows-1258 has base letters (ơ, ư, â…) precomposed but tone marks as combining characters. */
function toCp1258Form(text: string): string {
  return [...text.normalize('NFC')]
    .map((c) => {
      const nfd = c.normalize('NFD');
      const tone = TONES.exec(nfd)?.[0];
      return tone ? nfd.slice(0, -1).normalize('NFC') + tone : c;
    })
    .join('');
}

export async function startPortalServer(): Promise<PortalServer> {
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const page = PAGES[path];
    if (page) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(page);
    }
    if (path === '/cp1258') {
      // Vietnamese legacy encoding, declared only in the page's <meta>
      const html =
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258"></head><body><p>Đường dây nóng: 0235.3900.101</p><p>Thư: truc.atttt(at)sotttt.example</p></body></html>';
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end(iconv.encode(toCp1258Form(html), 'windows-1258'));
    }
    if (path === '/redirect') return redirect(res, '/plain');
    if (path.startsWith('/chain/')) {
      const n = Number(path.slice('/chain/'.length));
      return redirect(res, n > 0 ? `/chain/${n - 1}` : '/plain');
    }
    if (path === '/redirect-metadata') return redirect(res, 'http://169.254.169.254/latest/meta-data/');
    if (path === '/redirect-localhost') return redirect(res, `http://localhost:${port()}/plain`);
    if (path === '/big') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 3 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return res.once('drain', pump);
        }
        res.end();
      };
      return pump();
    }
    if (path === '/hang') return; // never answers
    if (path === '/error') {
      res.writeHead(500, { 'content-type': 'text/plain' });
      return res.end('Internal Server Error — 0235 3900 101 truc.atttt@sotttt.example');
    }
    res.writeHead(404);
    res.end('not found');
  });
  const redirect = (res: http.ServerResponse, location: string) => {
    res.writeHead(302, { location });
    res.end();
  };
  const port = () => (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${port()}`,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
