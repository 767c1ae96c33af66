import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import type { CommandScope } from '../../audit/command.ts';
import { addNetwork } from './commands/save-network.ts';
import type { NetworkInput } from './schemas.ts';

const note = z.string().trim().min(1).nullable().optional();

/** `networks` in a constituency file: per organisation code, its ranges, domains and ASNs. */
export const networkSeed = z.strictObject({
  organisation: z.string(),
  ranges: z.array(z.union([z.string(), z.strictObject({ cidr: z.string(), note })])).default([]),
  domains: z
    .array(
      z.union([z.string(), z.strictObject({ domain: z.string(), includeSubdomains: z.boolean().default(true), note })]),
    )
    .default([]),
  asns: z.array(z.union([z.string(), z.number().int()])).default([]),
});
export type NetworkSeed = z.infer<typeof networkSeed>;

function inputs(n: NetworkSeed): NetworkInput[] {
  return [
    ...n.ranges.map(
      (r): NetworkInput => (typeof r === 'string' ? { kind: 'range', cidr: r } : { kind: 'range', ...r }),
    ),
    ...n.domains.map(
      (d): NetworkInput =>
        typeof d === 'string' ? { kind: 'domain', domain: d, includeSubdomains: true } : { kind: 'domain', ...d },
    ),
    ...n.asns.map((asn): NetworkInput => ({ kind: 'asn', asn })),
  ];
}

/** Adds what is not there yet (re-seeding changes nothing); returns how many entries were added. */
export async function seedNetworks(scope: CommandScope, networks: NetworkSeed[], idByCode: Map<string, string>) {
  let created = 0;
  for (const n of networks) {
    const organisationId = idByCode.get(n.organisation);
    if (!organisationId) continue;
    for (const input of inputs(n)) {
      try {
        await addNetwork(scope, organisationId, input);
        created++;
      } catch (err) {
        // Already claimed by this organisation: nothing was written, the transaction goes on.
        if (!(err instanceof AppError && err.code === 'network_duplicate')) throw err;
      }
    }
  }
  return created;
}
