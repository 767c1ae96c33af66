import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../../platform/platform.ts';

/** The cases routes of the incidents area (route classes `incident.*`). */
export function registerCaseRoutes(_root: FastifyInstance, _platform: Platform): void {}
