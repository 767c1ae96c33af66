import zlib from 'node:zlib';
import { SheetFileError } from './sheet-rows.ts';

/** Bounds for what an XLSX may unpack to: far above a 20,000-row registry, far below a zip bomb. */
export const ZIP_LIMITS = { maxEntries: 2000, maxUnpacked: 128 * 1024 * 1024 };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;

const corrupt = (detail: string) => new SheetFileError('import_corrupt_file', { detail });

function findEocd(b: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65535.
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) if (b.readUInt32LE(i) === EOCD) return i;
  throw corrupt('no zip directory');
}

type Entry = {
  name: string;
  method: number;
  crc: number;
  packed: number;
  unpacked: number;
  offset: number;
  /** the central-directory record, copied when the entries are reordered */
  central: Buffer;
  /** where the entry (header, data, descriptor) ends */
  end: number;
  /** where its compressed data starts */
  start: number;
};

function centralDirectory(b: Buffer): Entry[] {
  const eocd = findEocd(b);
  const count = b.readUInt16LE(eocd + 10);
  let at = b.readUInt32LE(eocd + 16);
  if (count > ZIP_LIMITS.maxEntries) throw corrupt('too many entries');
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > b.length || b.readUInt32LE(at) !== CENTRAL) throw corrupt('bad zip directory');
    const nameLength = b.readUInt16LE(at + 28);
    const extra = b.readUInt16LE(at + 30);
    const comment = b.readUInt16LE(at + 32);
    entries.push({
      method: b.readUInt16LE(at + 10),
      crc: b.readUInt32LE(at + 16),
      packed: b.readUInt32LE(at + 20),
      unpacked: b.readUInt32LE(at + 24),
      offset: b.readUInt32LE(at + 42),
      name: b.toString('utf8', at + 46, at + 46 + nameLength),
      central: b.subarray(at, at + 46 + nameLength + extra + comment),
      end: 0,
      start: 0,
    });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** Workbook parts the streaming reader must see before any worksheet. */
const FIRST = [
  '[Content_Types].xml',
  '_rels/.rels',
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  'xl/sharedStrings.xml',
  'xl/styles.xml',
];
const rank = (name: string) => {
  const i = FIRST.indexOf(name);
  return i >= 0 ? i : /^xl\/worksheets\/sheet\d+\.xml$/.test(name) ? FIRST.length + 1 : FIRST.length;
};

/**
 * A local header written from the checked central record. The streaming reader trusts local headers
 * only (method, sizes, descriptor flag, zip64 extra): the original one could name another method or
 * size than was checked (a deflated bomb declared as stored), or hide an entry behind a fake descriptor.
 */
function localHeader(e: Entry): Buffer {
  const name = e.central.subarray(46, 46 + e.central.readUInt16LE(28));
  const h = Buffer.alloc(30);
  h.writeUInt32LE(LOCAL, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(e.central.readUInt16LE(8) & ~0x8, 6);
  h.writeUInt16LE(e.method, 8);
  h.writeUInt32LE(e.central.readUInt32LE(12), 10); // time and date
  h.writeUInt32LE(e.crc, 14);
  h.writeUInt32LE(e.packed, 18);
  h.writeUInt32LE(e.unpacked, 22);
  h.writeUInt16LE(name.length, 26);
  return Buffer.concat([h, name]);
}

/**
 * The same entries, workbook parts first. exceljs's streaming reader names a worksheet from
 * xl/workbook.xml and fails (or spools the sheet to a temporary file) when a sheet comes earlier —
 * and exceljs's own writer orders entries at random.
 */
function reorder(entries: Entry[], b: Buffer): Buffer {
  const ordered = entries
    .map((e, i) => ({ e, i }))
    .sort((x, y) => rank(x.e.name) - rank(y.e.name) || x.e.offset - y.e.offset || x.i - y.i)
    .map((x) => x.e);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of ordered) {
    const local = localHeader(e);
    locals.push(local, b.subarray(e.start, e.start + e.packed));
    const central = Buffer.from(e.central);
    central.writeUInt16LE(central.readUInt16LE(8) & ~0x8, 8);
    central.writeUInt32LE(offset, 42);
    centrals.push(central);
    offset += local.length + e.packed;
  }
  const directory = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(EOCD, 0);
  eocd.writeUInt16LE(ordered.length, 8);
  eocd.writeUInt16LE(ordered.length, 10);
  eocd.writeUInt32LE(directory.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, eocd]);
}

/**
 * Checks an XLSX container before the streaming reader sees it: the local entries follow one another
 * exactly as the directory lists them (nothing smuggled in between), each unpacks — within the
 * limits — to its recorded size and CRC. exceljs's reader can wait forever on a corrupt entry and
 * spools sheets to disk, so damaged files and zip bombs must be stopped here. Returns the container
 * with its entries in the order the reader needs.
 */
export function checkZip(b: Buffer): Buffer {
  const entries = centralDirectory(b);
  let expected = 0;
  let total = 0;
  for (const e of [...entries].sort((x, y) => x.offset - y.offset)) {
    if (e.offset !== expected || e.offset + 30 > b.length || b.readUInt32LE(e.offset) !== LOCAL)
      throw corrupt('bad zip entry');
    const flags = b.readUInt16LE(e.offset + 6);
    const start = e.offset + 30 + b.readUInt16LE(e.offset + 26) + b.readUInt16LE(e.offset + 28);
    const end = start + e.packed;
    if (end > b.length) throw corrupt('truncated');
    total += e.unpacked;
    if (total > ZIP_LIMITS.maxUnpacked) throw corrupt('unpacks too large');
    const data = b.subarray(start, end);
    let unpacked: Buffer;
    try {
      if (e.method === 0) unpacked = data;
      else if (e.method === 8) unpacked = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, e.unpacked) });
      else throw corrupt('unsupported compression');
    } catch (err) {
      if (err instanceof SheetFileError) throw err;
      throw corrupt('damaged entry');
    }
    if (unpacked.length !== e.unpacked || zlib.crc32(unpacked) !== e.crc) throw corrupt('damaged entry');
    expected = end;
    if (flags & 0x8) {
      // data descriptor, with or without its signature
      expected += end + 4 <= b.length && b.readUInt32LE(end) === DESCRIPTOR ? 16 : 12;
    }
    e.end = expected;
    e.start = start;
  }
  return reorder(entries, b);
}
