import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The demo constituency shipped with CanhGac (`serve --demo`, `demo`). */
export const DEMO_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../seed/demo-quang-nam-2022.json',
);
