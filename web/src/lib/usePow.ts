import { useCallback, useEffect, useRef, useState } from 'react';
import { type PowChallenge, publicIntakeApi } from '../api/public-intake-client';
import type { PowMessage } from './pow.worker';

export type PowSolution = { token: string; nonce: string; expiresAt: number };
export type PowState =
  | { phase: 'solving'; progress: number }
  | { phase: 'ready'; solution: PowSolution }
  | { phase: 'failed'; error: unknown };

/** Refresh a little before the server's expiry, so a slow writer never sends a stale proof. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

function solveInWorker(
  challenge: PowChallenge,
  onProgress: (p: number) => void,
): { done: Promise<string>; stop(): void } {
  const worker = new Worker(new URL('./pow.worker.ts', import.meta.url), { type: 'module' });
  const expected = 2 ** challenge.bits;
  const done = new Promise<string>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<PowMessage>) => {
      const m = event.data;
      // The chance a search of this length has found it: an honest progress bar for a lottery.
      if (m.kind === 'progress') onProgress(1 - Math.exp(-m.tried / expected));
      else {
        resolve(m.nonce);
        worker.terminate();
      }
    };
    worker.onerror = (e) => {
      reject(e);
      worker.terminate();
    };
  });
  worker.postMessage({ salt: challenge.salt, bits: challenge.bits });
  return { done, stop: () => worker.terminate() };
}

/**
 * The public form's anti-spam proof of work: fetched and solved in a Web Worker as soon as the page
 * opens (while the person writes), again after each report or when it nears expiry.
 */
export function usePow() {
  const [state, setStateRaw] = useState<PowState>({ phase: 'solving', progress: 0 });
  const current = useRef<PowState>(state);
  const [round, setRound] = useState(0);
  const waiters = useRef<((s: PowSolution) => void)[]>([]);
  const setState = useCallback((next: PowState) => {
    current.current = next;
    setStateRaw(next);
  }, []);

  useEffect(() => {
    void round;
    let cancelled = false;
    let stop = () => {};
    setState({ phase: 'solving', progress: 0 });
    publicIntakeApi
      .challenge()
      .then(async (challenge) => {
        if (cancelled) return;
        const job = solveInWorker(challenge, (progress) => {
          if (!cancelled) setState({ phase: 'solving', progress });
        });
        stop = job.stop;
        const nonce = await job.done;
        if (cancelled) return;
        const solution = { token: challenge.token, nonce, expiresAt: Date.parse(challenge.expiresAt) };
        setState({ phase: 'ready', solution });
        for (const w of waiters.current.splice(0)) w(solution);
      })
      .catch((error: unknown) => {
        if (!cancelled) setState({ phase: 'failed', error });
      });
    return () => {
      cancelled = true;
      stop();
    };
  }, [round, setState]);

  /** Throws the current proof away (spent or refused) and starts on a new one. */
  const renew = useCallback(() => {
    current.current = { phase: 'solving', progress: 0 };
    setRound((r) => r + 1);
  }, []);

  /** The solved proof, waiting for the worker if it is still searching. */
  const solution = useCallback((): Promise<PowSolution> => {
    const now = current.current;
    if (now.phase === 'ready' && now.solution.expiresAt - EXPIRY_MARGIN_MS > Date.now())
      return Promise.resolve(now.solution);
    if (now.phase !== 'solving') renew();
    return new Promise((resolve) => waiters.current.push(resolve));
  }, [renew]);

  return { state, solution, renew };
}
