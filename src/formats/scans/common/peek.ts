/**
 * Reads the start of a byte stream (at least `size` bytes, or the whole shorter file) and gives it
 * back together with a stream that replays it followed by the rest: format sniffing without
 * buffering the file.
 */
export async function peekHead(
  input: AsyncIterable<Uint8Array>,
  size: number,
): Promise<{ head: Uint8Array; stream: AsyncIterable<Uint8Array> }> {
  const iterator = input[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let length = 0;
  let ended = false;
  while (length < size) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    parts.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(parts);
  async function* replay() {
    if (head.length) yield head as Uint8Array;
    if (ended) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head, stream: replay() };
}
