// The body of one API report (TT 20 Mẫu 03, the fields an integrating system typically sends): small,
// with two observables in the text, unique by its external id.
export function reportBody(externalId: string, n: number): string {
  const octet = (n % 250) + 1;
  return JSON.stringify({
    externalId,
    title: `Cảnh báo dò quét từ 203.0.113.${octet} (${externalId})`,
    description: `Hệ thống giám sát phát hiện dò quét cổng SSH từ 203.0.113.${octet} tới máy chủ cổng thông tin; tên miền liên quan scan-${n % 97}.example.net.`,
    detectedAt: '2026-11-20T08:30:00+07:00',
    detectionMethod: 'ids',
    handlingState: 'not-yet',
    tlp: 'amber',
  });
}
