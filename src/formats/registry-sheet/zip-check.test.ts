import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SheetFileError } from './sheet-rows.ts';
import { writeRegistryXlsx } from './write.ts';
import { checkZip, ZIP_LIMITS } from './zip-check.ts';

/** The central-directory record of `name` in a zip (offset of its signature). */
function centralRecord(zip: Buffer, name: string): number {
  const at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  for (let i = at; i >= 0; i = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), i + 4)) {
    const n = zip.readUInt16LE(i + 28);
    if (zip.toString('utf8', i + 46, i + 46 + n) === name) return i;
  }
  throw new Error(`${name} not in zip`);
}

function refusal(zip: Buffer): string {
  try {
    checkZip(zip);
  } catch (err) {
    expect(err).toBeInstanceOf(SheetFileError);
    return String((err as SheetFileError).params.detail);
  }
  throw new Error('accepted');
}

/** A one-entry zip whose central record and local header may disagree on the method. */
function oneEntryZip(data: Buffer, centralMethod: number, localMethod: number, localFlags = 0): Buffer {
  const name = Buffer.from('xl/sharedStrings.xml');
  const crc = zlib.crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(localFlags, 6);
  local.writeUInt16LE(localMethod, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(centralMethod, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(46 + name.length, 12);
  eocd.writeUInt32LE(30 + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, eocd]);
}

/** Each local header's method, flags and sizes, as the streaming reader sees them. */
function localHeaders(zip: Buffer) {
  const out: { method: number; flags: number; packed: number }[] = [];
  for (let i = zip.indexOf('PK\u0003\u0004'); i >= 0; i = zip.indexOf('PK\u0003\u0004', i + 4)) {
    out.push({ method: zip.readUInt16LE(i + 8), flags: zip.readUInt16LE(i + 6), packed: zip.readUInt32LE(i + 18) });
  }
  return out;
}

describe('XLSX container check', () => {
  it('accepts what exceljs writes', async () => {
    expect(() => checkZip(Buffer.alloc(0))).toThrow(SheetFileError);
    const zip = await writeRegistryXlsx([
      { entity: 'organisations', rows: [{ code: 'A', name: 'Đơn vị', kind: 'member' }] },
    ]);
    expect(() => checkZip(zip)).not.toThrow();
  });

  it('puts the workbook parts before the worksheets (exceljs writes them in any order)', async () => {
    const zip = await writeRegistryXlsx([
      { entity: 'organisations', rows: [{ code: 'A', name: 'Đơn vị', kind: 'member' }] },
      { entity: 'contacts', rows: [{ organisation: 'A', personName: 'Người A' }] },
    ]);
    const names = (b: Buffer) => {
      const out: string[] = [];
      for (let i = b.indexOf('PK\u0003\u0004'); i >= 0; i = b.indexOf('PK\u0003\u0004', i + 4)) {
        out.push(b.toString('utf8', i + 30, i + 30 + b.readUInt16LE(i + 26)));
      }
      return out;
    };
    const ordered = names(checkZip(zip));
    expect(ordered.slice(0, 6)).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
    ]);
    expect(ordered.slice(-2)).toEqual(['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']);
    expect(new Set(ordered)).toEqual(new Set(names(zip)));
    expect(() => checkZip(checkZip(zip))).not.toThrow();
  });

  it('refuses a zip bomb, whether it declares its size or lies about it', async () => {
    const zip = await writeRegistryXlsx([
      { entity: 'organisations', rows: [{ code: 'A', name: 'x'.repeat(5000), kind: 'member' }] },
    ]);
    const honest = Buffer.from(zip);
    honest.writeUInt32LE(ZIP_LIMITS.maxUnpacked + 1, centralRecord(honest, 'xl/sharedStrings.xml') + 24);
    expect(refusal(honest)).toBe('unpacks too large');
    const liar = Buffer.from(zip);
    liar.writeUInt32LE(100, centralRecord(liar, 'xl/sharedStrings.xml') + 24);
    expect(refusal(liar)).toBe('damaged entry');
  });

  it('refuses damaged data and entries smuggled outside the directory', async () => {
    const zip = await writeRegistryXlsx([
      { entity: 'organisations', rows: [{ code: 'A', name: 'Đơn vị', kind: 'member' }] },
    ]);
    const flipped = Buffer.from(zip);
    const sheet = centralRecord(flipped, 'xl/worksheets/sheet1.xml');
    const local = flipped.readUInt32LE(sheet + 42);
    const inData = local + 30 + flipped.readUInt16LE(local + 26) + 10;
    flipped[inData] = (flipped[inData] ?? 0) ^ 0xff;
    expect(refusal(flipped)).toBe('damaged entry');
    const shifted = Buffer.from(zip);
    shifted.writeUInt32LE(local + 1, sheet + 42);
    expect(refusal(shifted)).toBe('bad zip entry');
  });

  it('hands the reader local headers that say what was checked (a deflated bomb declared as stored)', () => {
    const bomb = zlib.deflateRawSync(Buffer.alloc(64 * 1024 * 1024));
    const checked = localHeaders(checkZip(oneEntryZip(bomb, 0, 8, 0x8)));
    expect(checked).toEqual([{ method: 0, flags: 0, packed: bomb.length }]);
  });
});
