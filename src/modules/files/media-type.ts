import { fileTypeFromBuffer } from 'file-type';

/** The type the content shows (its first bytes), not the one its name claims. */
export async function sniffMediaType(head: Buffer): Promise<string> {
  const sniffed = await fileTypeFromBuffer(head);
  return sniffed?.mime ?? (isText(head) ? 'text/plain' : 'application/octet-stream');
}

function isText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 4)));
    return true;
  } catch {
    return false;
  }
}
