import { hasRole } from '../../platform/access.ts';
import type { Principal } from '../../platform/actor.ts';
import { notFound } from '../../platform/errors.ts';
import type { FileRecord } from './queries.ts';

/**
 * A stored file is read by its uploader and by the constituency's incident handlers (admin,
 * coordinator, responder); anyone else gets 404. Anyone logged in may upload (later features attach
 * uploads to incidents, evidence and the like); a file attached to an object (an issued document,
 * later evidence) is also read through that object's routes, under its rules.
 */
export function authorizeReadFile(p: Principal, file: FileRecord): void {
  if (file.uploadedBy === p.userId) return;
  if (hasRole(p, 'admin', 'coordinator', 'responder')) return;
  throw notFound();
}
