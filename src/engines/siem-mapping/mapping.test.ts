import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyMapping, applyWazuh, parseAlertTime, parsePath, resolvePath, type SiemMapping } from './index.ts';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../test/fixtures/siem/${name}`, import.meta.url), 'utf8'));

const generic: SiemMapping = {
  externalId: 'event.uuid',
  title: 'event.name',
  description: 'event.detail',
  level: 'event.severity',
  levelNames: { low: 3, medium: 6, high: 9, critical: 12 },
  detectedAt: 'event.at',
  observables: [
    { path: 'net.src', type: 'ip', group: true },
    { path: 'net.hosts[*]', type: 'domain', group: true },
    { path: '["file.hash"]', type: 'hash', group: true },
  ],
};

describe('JSON paths', () => {
  it('parses keys, indexes, wildcards and quoted keys', () => {
    expect(parsePath('rule.level')).toEqual([{ key: 'rule' }, { key: 'level' }]);
    expect(parsePath('hits[2].src')).toEqual([{ key: 'hits' }, { index: 2 }, { key: 'src' }]);
    expect(parsePath('hits[*].src')).toEqual([{ key: 'hits' }, { all: true }, { key: 'src' }]);
    expect(parsePath('data["image.path"]')).toEqual([{ key: 'data' }, { key: 'image.path' }]);
    expect(parsePath("a['x]y']")).toEqual([{ key: 'a' }, { key: 'x]y' }]);
  });
  it('refuses what is not a path', () => {
    for (const bad of ['', '.a', 'a.', 'a..b', 'a[', 'a[x]', 'a b', 'a["x]', 'a[-1]', 'x'.repeat(301)])
      expect(parsePath(bad), bad).toBeUndefined();
  });
  it('never reads inherited properties', () => {
    const segments = parsePath('constructor.name');
    expect(segments && resolvePath({}, segments)).toEqual([]);
  });
});

describe('alert times', () => {
  it('reads ISO with and without a colon in the offset, and Unix seconds or milliseconds', () => {
    expect(parseAlertTime('2026-11-24T09:15:02.123+0700')?.toISOString()).toBe('2026-11-24T02:15:02.123Z');
    expect(parseAlertTime('2026-11-24 09:15:02Z')?.toISOString()).toBe('2026-11-24T09:15:02.000Z');
    expect(parseAlertTime(1764000902)?.toISOString()).toBe('2025-11-24T16:15:02.000Z');
    expect(parseAlertTime('1764000902123')?.toISOString()).toBe('2025-11-24T16:15:02.123Z');
    expect(parseAlertTime('yesterday')).toBeUndefined();
    expect(parseAlertTime(true)).toBeUndefined();
  });
});

describe('generic mapping', () => {
  const alert = {
    event: { uuid: 'a-1', name: 'Port scan', detail: 'Many ports', severity: 'HIGH', at: '2026-11-24T01:00:00Z' },
    net: { src: '2001:DB8::1', hosts: ['Evil-Site.VN', 'not a domain'] },
    'file.hash': '9E107D9D372BB6826BD81D3542A419D6',
  };
  it('reads every fact; severity words become levels; observables are normalised', () => {
    const r = applyMapping(alert, generic);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.alert).toMatchObject({
      externalId: 'a-1',
      title: 'Port scan',
      description: 'Many ports',
      level: 9,
      detectedAt: new Date('2026-11-24T01:00:00Z'),
    });
    expect(r.alert.observables).toEqual([
      { type: 'ipv6', value: '2001:db8::1', group: true },
      { type: 'domain', value: 'evil-site.vn', group: true },
      { type: 'md5', value: '9e107d9d372bb6826bd81d3542a419d6', group: true },
    ]);
    expect(r.alert.invalidObservables).toEqual(['domain:not a domain']);
  });
  it('lists every problem: missing title, unknown severity, bad time, object where text belongs', () => {
    const r = applyMapping({ event: { severity: 'weird', at: 'soon', uuid: { x: 1 } } }, generic);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      { field: 'title', reason: 'missing', path: 'event.name' },
      { field: 'externalId', reason: 'not_text', path: 'event.uuid' },
      { field: 'level', reason: 'not_number', path: 'event.severity' },
      { field: 'detectedAt', reason: 'not_time', path: 'event.at' },
    ]);
  });
  it('refuses an alert that is not an object', () => {
    for (const v of [null, 3, 'x', [1]])
      expect(applyMapping(v, generic)).toEqual({
        ok: false,
        problems: [{ field: 'alert', reason: 'not_object', path: '' }],
      });
  });
});

describe('Wazuh', () => {
  it('maps the brute-force alert: rule, level, time, source IP to group by, agent IP not', () => {
    const r = applyWazuh(fixture('wazuh-sshd-bruteforce.json'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.alert.externalId).toBe('1764000902.1184520');
    expect(r.alert.title).toBe('sshd: brute force trying to get access to the system. Non existent user.');
    expect(r.alert.level).toBe(10);
    expect(r.alert.detectedAt?.toISOString()).toBe('2026-11-24T02:15:02.123Z');
    expect(r.alert.observables).toEqual([
      { type: 'ipv4', value: '203.0.113.77', group: true },
      { type: 'ipv4', value: '10.20.1.15', group: false },
    ]);
    expect(r.alert.description).toContain('Rule: 5712 — sshd: brute force');
    expect(r.alert.description).toContain('MITRE ATT&CK: T1110');
    expect(r.alert.description).toContain('Invalid user oracle from 203.0.113.77');
  });
  it('maps file integrity hashes', () => {
    const r = applyWazuh(fixture('wazuh-syscheck-low.json'));
    expect(r.ok && r.alert.observables.map((o) => o.type)).toEqual(['md5', 'sha1', 'sha256', 'ipv4']);
    expect(r.ok && r.alert.level).toBe(5);
  });
  it('says what is missing from something that is not a Wazuh alert', () => {
    const r = applyWazuh({ hello: 'world' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => `${p.field}:${p.reason}`)).toEqual(['title:missing', 'level:missing']);
  });
});
