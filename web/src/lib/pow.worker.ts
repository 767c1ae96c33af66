// Searches the proof-of-work nonce off the main thread, reporting progress between slices.
import { searchNonce } from '../../../src/shared/pow';

type Job = { salt: string; bits: number };
export type PowMessage = { kind: 'progress'; tried: number } | { kind: 'found'; nonce: string };

const SLICE = 50_000;

self.onmessage = (event: MessageEvent<Job>) => {
  const { salt, bits } = event.data;
  for (let start = 0; start < Number.MAX_SAFE_INTEGER; start += SLICE) {
    const nonce = searchNonce(salt, bits, start, SLICE);
    if (nonce !== null) {
      self.postMessage({ kind: 'found', nonce } satisfies PowMessage);
      return;
    }
    self.postMessage({ kind: 'progress', tried: start + SLICE } satisfies PowMessage);
  }
};
