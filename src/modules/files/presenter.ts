import type { FileRecord } from './queries.ts';

export function presentFile(f: FileRecord) {
  return {
    id: f.id,
    name: f.name,
    mediaType: f.mediaType,
    size: f.size,
    sha256: f.sha256,
    uploadedBy: f.uploadedBy,
    organisationId: f.organisationId,
    createdAt: f.createdAt.toISOString(),
  };
}
