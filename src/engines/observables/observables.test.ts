import { describe, expect, it } from 'vitest';
import { extractObservables, normaliseObservable, type Observable } from './index.ts';

function pairs(items: Observable[]): string[] {
  return items.map((i) => `${i.type} ${i.value}`);
}

function found(text: string, opts = {}): string[] {
  return pairs(extractObservables(text, opts).items);
}

const REPORT = `BÁO CÁO SỰ CỐ ATTT — Sở Thông tin và Truyền thông
Ngày 12/3/2025, hệ thống giám sát phát hiện máy trạm KT-07 (192.168.10.25) kết nối tới máy chủ điều khiển
185.220.101[.]45:443 và tải tệp từ hxxps://cap-nhat-bao-mat[.]xyz/tai-ve/hoa_don.pdf.exe.
Thư lừa đảo gửi từ ketoan[at]congty-abc[.]com.vn với tệp đính kèm "Hóa_đơn_T3.pdf.exe" (MD5: 44D88612FEA8A8F36DE82E1278ABB02F).
Mã độc tạo payload.dll tại C:\\Users\\ketoan\\AppData\\Roaming\\, băm SHA256
275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f; khai thác lỗ hổng cve-2023-4966.
Tài khoản bị chiếm quyền: SOTTTT\\nguyen.van.a. Tên miền phụ: update.cap-nhat-bao-mat(.)xyz, cdn{.}evil-cdn[dot]top.
Địa chỉ IPv6 của máy chủ: 2001:db8:85a3::8a2e:370:7334. Dải mạng bị quét: 10.20.0.0/16.
Đã gửi báo cáo report.docx cho Cục ATTT; hệ điều hành Windows phiên bản 10.0.19045.`;

describe('extractObservables on a Vietnamese incident report', () => {
  it('finds every IOC, defanged or not, in text order with normalised values', () => {
    expect(found(REPORT)).toEqual([
      'ipv4 192.168.10.25',
      'ipv4 185.220.101.45',
      'url https://cap-nhat-bao-mat.xyz/tai-ve/hoa_don.pdf.exe',
      'email ketoan@congty-abc.com.vn',
      'filename Hóa_đơn_T3.pdf.exe',
      'md5 44d88612fea8a8f36de82e1278abb02f',
      'filename payload.dll',
      'sha256 275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
      'cve CVE-2023-4966',
      'account SOTTTT\\nguyen.van.a',
      'domain update.cap-nhat-bao-mat.xyz',
      'domain cdn.evil-cdn.top',
      'ipv6 2001:db8:85a3::8a2e:370:7334',
      'cidr 10.20.0.0/16',
      'filename report.docx',
    ]);
  });

  it('gives for each item the exact span of the original text it was read from', () => {
    for (const item of extractObservables(REPORT).items) {
      expect(REPORT.slice(item.start, item.end)).toBe(item.raw);
    }
    const url = extractObservables(REPORT).items.find((i) => i.type === 'url');
    expect(url?.raw).toBe('hxxps://cap-nhat-bao-mat[.]xyz/tai-ve/hoa_don.pdf.exe');
  });

  it('reports the hosts of URLs and e-mails only when asked', () => {
    const text = 'hxxp://evil[.]xyz/a và admin@mail.evil.xyz, http://203.0.113.9/x';
    expect(found(text)).toEqual(['url http://evil.xyz/a', 'email admin@mail.evil.xyz', 'url http://203.0.113.9/x']);
    expect(found(text, { includeHosts: true })).toEqual([
      'url http://evil.xyz/a',
      'domain evil.xyz',
      'email admin@mail.evil.xyz',
      'domain mail.evil.xyz',
      'url http://203.0.113.9/x',
      'ipv4 203.0.113.9',
    ]);
  });
});

describe('extractObservables rules', () => {
  it.each([
    ['hxxp://a[.]vn/x', 'url http://a.vn/x'],
    ['hxxps[:]//a[.]vn/x', 'url https://a.vn/x'],
    ['http[://]a(.)vn', 'url http://a.vn/'],
    ['a{.}vn', 'domain a.vn'],
    ['a[dot]vn', 'domain a.vn'],
    ['evil [.] com', 'domain evil.com'],
    ['x(at)a[.]vn', 'email x@a.vn'],
    ['(http://x.example/a).', 'url http://x.example/a'],
    ['“https://a.vn/b?c=1,2”,', 'url https://a.vn/b?c=1,2'],
    [
      'https://vi.wikipedia.org/wiki/Mã_(định_danh))',
      'url https://vi.wikipedia.org/wiki/M%C3%A3_(%C4%91%E1%BB%8Bnh_danh)',
    ],
    ['CVE-2021-44228:', 'cve CVE-2021-44228'],
    ['1.2.3.4.', 'ipv4 1.2.3.4'],
    ['version 1.2.3.4', 'ipv4 1.2.3.4'],
    ['[2001:db8::1]:8443', 'ipv6 2001:db8::1'],
    ['::ffff:198.51.100.7', 'ipv4 198.51.100.7'],
    ['2001:db8::/32', 'cidr 2001:db8::/32'],
    ['192.168.1.15/24', 'ipv4 192.168.1.15'],
    ['sha1=da39a3ee5e6b4b0d3255bfef95601890afd80709', 'sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ['C:\\Windows\\Temp\\svchost.com', 'filename svchost.com'],
    ['invoice.pdf.zip', 'filename invoice.pdf.zip'],
    ['setup_x64.zip', 'filename setup_x64.zip'],
    ['bocongan.gov.vn', 'domain bocongan.gov.vn'],
  ])('%s → %s', (text, expected) => {
    expect(found(text)).toEqual([expected]);
  });

  it.each([
    ['v1.2.3.4', 'a version with a letter glued to it'],
    ['999.1.1.1 1.2.3.4.5 01.2.3.4', 'not valid dotted quads'],
    ['12:30:45 00:1a:2b:3c:4d:5e std::vector', 'times, MAC addresses and C++'],
    ['d41d8cd98f00b204e9800998ecf8427e00', 'a hex run longer than any digest'],
    ['Node.js e.g. TP.HCM v.v. Q.1', 'abbreviations and library names'],
    ['report.unknownext ten.khong-phai-tld', 'neither a file type nor a TLD'],
    ['\\\\fileserver\\share C:\\Users', 'UNC and drive paths are not accounts'],
    ['', 'nothing at all'],
  ])('%s: nothing (%s)', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('tells report.docx (a file) from a domain, and takes a .com after a path for a file', () => {
    expect(found('report.docx google.com /tmp/x.com')).toEqual([
      'filename report.docx',
      'domain google.com',
      'filename x.com',
    ]);
  });

  it('reports each (type, value) once, at its first occurrence', () => {
    const { items } = extractObservables('EVIL.xyz evil[.]xyz 1.2.3.4 1.2.3.4 evil.xyz');
    expect(pairs(items)).toEqual(['domain evil.xyz', 'ipv4 1.2.3.4']);
    expect(items[0]?.start).toBe(0);
  });

  it('takes user@host for an e-mail, UPNs included, and DOMAIN\\user for an account', () => {
    expect(found('admin@corp.local CORP\\svc_backup$')).toEqual([
      'email admin@corp.local',
      'account CORP\\svc_backup$',
    ]);
  });

  it('widens the span to the word when one defanged word holds two observables', () => {
    const text = 'a[.]vn,b[.]vn';
    const { items } = extractObservables(text);
    expect(pairs(items)).toEqual(['domain a.vn', 'domain b.vn']);
    expect(items.map((i) => i.raw)).toEqual([text, text]);
  });

  it('reports a hash that names a file as both', () => {
    expect(found('d41d8cd98f00b204e9800998ecf8427e.exe')).toEqual([
      'md5 d41d8cd98f00b204e9800998ecf8427e',
      'filename d41d8cd98f00b204e9800998ecf8427e.exe',
    ]);
  });
});

describe('extractObservables limits', () => {
  it('stops at maxItems and says so', () => {
    const text = Array.from({ length: 50 }, (_, i) => `10.0.0.${i}`).join(' ');
    const r = extractObservables(text, { maxItems: 20 });
    expect(r.items).toHaveLength(20);
    expect(r.truncated).toBe(true);
    expect(extractObservables(text).truncated).toBe(false);
  });

  it('caps 10,000 distinct items by default', () => {
    const text = Array.from({ length: 10_050 }, (_, i) => `10.${i >> 8}.${i & 255}.1`).join('\n');
    const r = extractObservables(text);
    expect(r.items).toHaveLength(10_000);
    expect(r.truncated).toBe(true);
  });

  it('reads only maxInputLength characters', () => {
    const r = extractObservables('1.1.1.1 2.2.2.2', { maxInputLength: 8 });
    expect(pairs(r.items)).toEqual(['ipv4 1.1.1.1']);
    expect(r.truncated).toBe(true);
  });

  // Bounded-work design: each of these took seconds or worse with backtracking patterns.
  it.each([
    ['dotted digits', '1.'.repeat(500_000)],
    ['at signs', 'a@'.repeat(500_000)],
    ['colons', 'a:'.repeat(500_000)],
    ['backslashes', 'a\\'.repeat(500_000)],
    ['schemes', 'http://'.repeat(150_000)],
    ['one hex word', 'a'.repeat(1_000_000)],
    ['defang markers', 'a [.] '.repeat(170_000)],
    ['brackets', '('.repeat(500_000) + ')'.repeat(500_000)],
    ['dots and hyphens', 'a.-'.repeat(340_000)],
  ])('finishes on 1 MB of %s', (_name, text) => {
    const r = extractObservables(text);
    expect(r.items.length).toBeLessThanOrEqual(10_000);
  });
});

describe('normaliseObservable', () => {
  it.each([
    ['cve', 'cve-2024-3094', 'CVE-2024-3094'],
    ['account', 'corp\\Admin', 'CORP\\admin'],
    ['domain', 'Ví-Dụ.VN', 'xn--v-d-rma6749a.vn'],
    ['filename', 'Hoá_đơn.pdf.exe', 'Hoá_đơn.pdf.exe'.normalize('NFC')],
    ['sha1', 'DA39A3EE5E6B4B0D3255BFEF95601890AFD80709', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
  ] as const)('%s %s → %s', (type, input, expected) => {
    expect(normaliseObservable(type, input)).toBe(expected);
  });

  it.each([
    ['domain', 'report.docx'],
    ['domain', 'x.invalidtld'],
    ['filename', 'C:\\x.exe'],
    ['account', 'a\\b\\c'],
    ['md5', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ['cidr', '10.0.0.1'],
  ] as const)('%s refuses %s', (type, input) => {
    expect(normaliseObservable(type, input)).toBeUndefined();
  });
});
