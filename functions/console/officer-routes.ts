import type { Hono } from 'hono';
import { broadcastConsoleRoutes } from '../broadcasts/console.js';
import type { BroadcastService } from '../broadcasts/service.js';
import { mountConsole } from './app.js';
import type { ConsoleDeps } from './env.js';

/**
 * Everything officers use: the console pages, the broadcast pages and the JSON API. The local
 * runtime and the console function mount the same routes.
 */
export function mountOfficerRoutes(deps: ConsoleDeps, broadcasts: BroadcastService) {
  return (app: Hono) => {
    mountConsole(deps)(app);
    app.route('/console/broadcasts', broadcastConsoleRoutes(deps, broadcasts));
  };
}
