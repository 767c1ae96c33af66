export { parseAsn } from './asn.ts';
export { type ParsedCidr, parseCidr } from './cidr.ts';
export { normaliseDomain } from './domain.ts';
export { normaliseEmail } from './email.ts';
export { detectHash, type HashAlgorithm, type ParsedHash } from './hash.ts';
export {
  formatIpv4,
  formatIpv6,
  type IpVersion,
  isIpv4Mapped,
  type ParsedIp,
  parseIp,
  parseIpv4At,
  parseIpv6At,
} from './ip.ts';
export { refang } from './refang.ts';
export type { Failure, NormaliseError, Result } from './result.ts';
export { normaliseUrl, type ParsedUrl } from './url.ts';
export { type NormalisedValue, normaliseValue, type ValueKind } from './value.ts';
