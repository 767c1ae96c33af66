import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeVni, vniToUnicode } from './vni.ts';

const SAMPLES: [string, string][] = [
  ['Sôû Thoâng tin vaø Truyeàn thoâng', 'Sở Thông tin và Truyền thông'],
  ['söï coá an toaøn thoâng tin', 'sự cố an toàn thông tin'],
  ['Thaønh phoá Hoà Chí Minh, Ñaø Naüng', 'Thành phố Hồ Chí Minh, Đà Nẵng'],
  ['ñöôïc ngöôøi duøng phaùt hieän', 'được người dùng phát hiện'],
  ['maùy chuû bò taán coâng, döõ lieäu bò maõ hoùa', 'máy chủ bị tấn công, dữ liệu bị mã hóa'],
  ['ÑEÀ NGHÒ HOÃ TRÔÏ KHAÅN', 'ĐỀ NGHỊ HỖ TRỢ KHẨN'],
  ['Kyø thi, thuûy, yù kieán, nhaéc laïi, chaéc chaén, naêm', 'Kỳ thi, thủy, ý kiến, nhắc lại, chắc chắn, năm'],
];

describe('VNI', () => {
  it('converts a short VNI word, but takes only denser text for VNI', () => {
    expect(vniToUnicode('Vieät Nam')).toBe('Việt Nam');
    expect(looksLikeVni('Vieät Nam')).toBe(false);
  });

  it('reads well-known VNI text as Vietnamese', () => {
    for (const [vni, unicode] of SAMPLES) {
      expect(looksLikeVni(vni), vni).toBe(true);
      expect(vniToUnicode(vni)).toBe(unicode);
    }
  });

  it('leaves Unicode Vietnamese, English and Latin-1 European text alone', () => {
    for (const text of [
      'Sự cố an toàn thông tin tại Sở Tài chính',
      'Xuân quê hoàn toàn',
      'The mail server was compromised on Monday.',
      'Le serveur a été compromis: naïf, Noël, créé.',
      'Der Server wurde gehackt, Änderungen für Köln.',
      'El año pasado en España',
    ])
      expect(looksLikeVni(text), text).toBe(false);
  });

  it('never throws on any Latin-1 text, and the result stays bounded (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((n) => String.fromCharCode(n)), maxLength: 200 }),
        (text) => {
          const converted = vniToUnicode(text);
          expect(typeof looksLikeVni(text)).toBe('boolean');
          expect(converted.length).toBeLessThanOrEqual(text.length * 2);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('Latin-1 bytes of a VNI message decode to Vietnamese', () => {
    const bytes = Buffer.from('Ñeà nghò hoã trôï xöû lyù söï coá', 'latin1');
    const text = bytes.toString('latin1');
    expect(looksLikeVni(text)).toBe(true);
    expect(vniToUnicode(text)).toBe('Đề nghị hỗ trợ xử lý sự cố');
  });
});
