import { z } from 'zod';

export const fileMeta = z.object({
  id: z.uuid(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.uuid().nullable(),
  organisationId: z.uuid().nullable(),
  createdAt: z.string(),
});

export const fileReply = z.object({ item: fileMeta });
