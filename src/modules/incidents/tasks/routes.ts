import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../../platform/platform.ts';

/** The tasks routes of the incidents area (route classes `incident.*`). */
export function registerTaskRoutes(_root: FastifyInstance, _platform: Platform): void {}
