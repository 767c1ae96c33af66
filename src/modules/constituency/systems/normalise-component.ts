import { cpeDisplayValue, normaliseCpe } from '../../../engines/cpe/cpe.ts';
import { parsePurl } from '../../../engines/cpe/purl.ts';
import { parseCidr } from '../../../engines/normalise/cidr.ts';
import { normaliseDomain } from '../../../engines/normalise/domain.ts';
import { parseIp } from '../../../engines/normalise/ip.ts';
import { normaliseUrl } from '../../../engines/normalise/url.ts';
import { AppError } from '../../../platform/errors.ts';
import type { ComponentKind } from '../../../shared/vocabulary.ts';

export type ComponentValues = {
  kind: ComponentKind;
  ip: string | null;
  hostname: string | null;
  fqdn: string | null;
  url: string | null;
  cidr: string | null;
  domain: string | null;
  cpe: string | null;
  purl: string | null;
  vendor: string | null;
  product: string | null;
  version: string | null;
  os: string | null;
  note: string | null;
};

export type ComponentDraft = Partial<Omit<ComponentValues, 'kind'>> & { kind: ComponentKind };

const MIN_V4_PREFIX = 16;
const MIN_V6_PREFIX = 32;

const blank = (v: string | null | undefined) => (v == null || v.trim() === '' ? null : v.trim());

function bad(
  code: 'component_bad_ip' | 'component_bad_cidr' | 'component_bad_domain' | 'component_bad_url' | 'component_bad_purl',
  value: string,
) {
  return new AppError(400, code, { value: value.length > 100 ? `${value.slice(0, 100)}…` : value });
}

function missing(kind: ComponentKind, fields: string) {
  return new AppError(400, 'component_missing_value', { kind, fields });
}

/**
 * Validates and normalises a component as it will be stored: IPs canonical (IPv6 RFC 5952,
 * IPv4-mapped → IPv4), CIDRs at their network address, domains lowercased/punycoded without the
 * trailing dot, URLs parsed (their host also kept as fqdn/ip so ownership lookups find it), CPEs
 * parsed into the 2.3 formatted string (2.2 URIs converted), purls canonical. Throws AppError with
 * a localised message; pure otherwise (the bulk import runs it for its dry run).
 */
export function normaliseComponent(draft: ComponentDraft): ComponentValues {
  const v: ComponentValues = {
    kind: draft.kind,
    ip: null,
    hostname: blank(draft.hostname),
    fqdn: null,
    url: null,
    cidr: null,
    domain: null,
    cpe: null,
    purl: null,
    vendor: blank(draft.vendor),
    product: blank(draft.product),
    version: blank(draft.version),
    os: blank(draft.os),
    note: blank(draft.note),
  };
  const ip = blank(draft.ip);
  if (ip) {
    const r = parseIp(ip);
    if (!r.ok) throw bad('component_bad_ip', ip);
    v.ip = r.value.address;
  }
  const fqdn = blank(draft.fqdn);
  if (fqdn) {
    const r = normaliseDomain(fqdn);
    if (!r.ok) throw bad('component_bad_domain', fqdn);
    v.fqdn = r.value;
  }
  const domain = blank(draft.domain);
  if (domain) {
    const r = normaliseDomain(domain);
    if (!r.ok) throw bad('component_bad_domain', domain);
    // A domain component counts with its subdomains for the operator's ownership: never a whole TLD.
    if (!r.value.includes('.')) throw new AppError(400, 'component_domain_too_broad', { value: r.value });
    v.domain = r.value;
  }
  const cidr = blank(draft.cidr);
  if (cidr) {
    const r = parseCidr(cidr);
    if (!r.ok) throw bad('component_bad_cidr', cidr);
    // Components count for their operator's ownership; whole allocations are registered networks
    // (coordinators only), so a component range may not be broader than /16 (IPv4) or /32 (IPv6).
    const prefix = Number(r.value.cidr.split('/')[1]);
    if (prefix < (r.value.cidr.includes(':') ? MIN_V6_PREFIX : MIN_V4_PREFIX)) {
      throw new AppError(400, 'component_range_too_broad', { value: r.value.cidr });
    }
    v.cidr = r.value.cidr;
  }
  const url = blank(draft.url);
  if (url) {
    const r = normaliseUrl(url);
    if (!r.ok) throw bad('component_bad_url', url);
    v.url = r.value.url;
    if (r.value.hostKind === 'domain') v.fqdn ??= r.value.host;
    else v.ip ??= r.value.host;
  }
  const cpe = blank(draft.cpe);
  if (cpe) {
    const r = normaliseCpe(cpe);
    if (!r.ok) {
      const shown = cpe.length > 100 ? `${cpe.slice(0, 100)}…` : cpe;
      if (r.error === 'cpe_bad_part') throw new AppError(400, 'component_bad_cpe_part', { value: shown });
      if (r.error === 'cpe_bad_language') throw new AppError(400, 'component_bad_cpe_language', { value: shown });
      if (r.error === 'cpe_bad_component')
        throw new AppError(400, 'component_bad_cpe_field', { value: shown, field: r.attribute ?? '?' });
      throw new AppError(400, 'component_bad_cpe', { value: shown });
    }
    v.cpe = r.value;
    // Fill the readable fields from the CPE when they were left empty.
    const { vendor, product, version } = r.cpe;
    if (!v.vendor && vendor !== '*' && vendor !== '-') v.vendor = cpeDisplayValue(vendor);
    if (!v.product && product !== '*' && product !== '-') v.product = cpeDisplayValue(product);
    if (!v.version && version !== '*' && version !== '-') v.version = cpeDisplayValue(version);
  }
  const purl = blank(draft.purl);
  if (purl) {
    const r = parsePurl(purl);
    if (!r.ok) throw bad('component_bad_purl', purl);
    v.purl = r.value;
    v.product ??= r.purl.name;
    v.version ??= r.purl.version;
  }
  requireValue(v);
  return v;
}

function requireValue(v: ComponentValues): void {
  switch (v.kind) {
    case 'host':
      if (!v.ip && !v.fqdn && !v.hostname) throw missing('host', 'ip / hostname / fqdn');
      return;
    case 'url':
      if (!v.url) throw missing('url', 'url');
      return;
    case 'range':
      if (!v.cidr) throw missing('range', 'cidr');
      return;
    case 'domain':
      if (!v.domain) throw missing('domain', 'domain');
      return;
    case 'software':
      if (!v.cpe && !v.purl && !v.product) throw missing('software', 'cpe / purl / product');
      return;
  }
}
