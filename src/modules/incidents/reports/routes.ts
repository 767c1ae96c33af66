import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../../platform/platform.ts';

/** The reports routes of the incidents area (route classes `incident.*`). */
export function registerIntakeRoutes(_root: FastifyInstance, _platform: Platform): void {}
