import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../../platform/platform.ts';

/** The casework routes of the incidents area (route classes `incident.*`). */
export function registerCaseworkRoutes(_root: FastifyInstance, _platform: Platform): void {}
