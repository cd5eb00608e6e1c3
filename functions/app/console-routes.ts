import type { Hono } from 'hono';
import { consoleRoutes } from '../console/app.js';
import type { ConsoleDeps, ConsolePage, ConsoleShell } from '../console/env.js';
import { broadcastConsolePage } from '../features/broadcasts/console.js';
import type { BroadcastService } from '../features/broadcasts/service.js';
import { type DashboardDeps, dashboardPage } from '../features/dashboard/page.js';
import {
  knowledgeApiRoutes,
  knowledgeExpiryApiRoutes,
  knowledgeGapApiRoutes,
} from '../features/knowledge-editing/api.js';
import { knowledgeConsolePage } from '../features/knowledge-editing/console/pages.js';
import {
  createKnowledgeEditing,
  type KnowledgeEditingService,
} from '../features/knowledge-editing/service.js';
import { apiRoutes } from '../features/leads/api.js';
import { cannedPage } from '../features/leads/console/canned.js';
import { leadPage } from '../features/leads/console/lead-page.js';
import { leadListPage } from '../features/leads/console/leads-list.js';
import { DEFAULT_TEMPLATES, type LeadsConsoleDeps } from '../features/leads/console/templates.js';
import { loadRoutingTable } from '../features/leads/routing/routing.js';
import { accountPage } from '../features/officers/account-page.js';
import { officersAdminPage } from '../features/officers/admin-page.js';
import { officialConsolePage } from '../features/official/console-page.js';
import { officialPublicRoutes } from '../features/official/public-page.js';
import { aboutRoutes } from '../features/transparency/about-page.js';
import { type EvalRecord, shippedEvalRecord } from '../features/transparency/eval-record.js';

/** Every console page, in the order of the navigation. A new page is one line here. */
function consolePages(broadcasts?: BroadcastService): { page: ConsolePage<OfficerDeps>; path?: string }[] {
  return [
    { page: leadListPage },
    { page: leadPage },
    { page: dashboardPage },
    { page: knowledgeConsolePage },
    { page: cannedPage },
    ...(broadcasts ? [{ page: broadcastConsolePage(broadcasts), path: '/broadcasts' }] : []),
    { page: officersAdminPage },
    { page: officialConsolePage },
    { page: accountPage },
  ];
}

/** What the officers' routes need: the shell's deps plus each feature's own. */
export type OfficerDeps = LeadsConsoleDeps &
  DashboardDeps & {
    /** The knowledge base editing service (drafts, publish, gaps, expiry); built from the deps if absent. */
    knowledgeEditing?: KnowledgeEditingService | undefined;
  };

function shellFor(pages: { page: ConsolePage<OfficerDeps> }[]): ConsoleShell {
  const desks = loadRoutingTable().desks;
  return {
    nav: pages.flatMap(({ page }) => (page.nav ? [page.nav] : [])),
    deskName: (id, lang) => desks.find((d) => d.id === id)?.names[lang] ?? id,
  };
}

/**
 * Everything officers use: the console pages (broadcasts among them when a service is given) and
 * the JSON API. The local runtime and the console function mount the same routes.
 */
export function mountConsole(
  deps: OfficerDeps,
  broadcasts?: BroadcastService,
  evalRecord: EvalRecord | undefined = shippedEvalRecord,
) {
  const pages = consolePages(broadcasts);
  const knowledge =
    deps.knowledgeEditing ??
    createKnowledgeEditing({
      store: deps.store,
      config: deps.config,
      logger: deps.logger,
      senders: deps.senders,
      now: deps.now,
    });
  const full: OfficerDeps = {
    ...deps,
    shell: deps.shell ?? shellFor(pages),
    templates: deps.templates ?? DEFAULT_TEMPLATES,
    knowledgeEditing: knowledge,
    // The questions nobody has answered or set aside yet ("Répondre" and "Ignorer" take them off).
    knowledgeGaps:
      deps.knowledgeGaps ??
      (async () =>
        (await knowledge.openGaps({ limit: 20 })).map((g) => ({ question: g.question, count: g.count }))),
  };
  return (app: Hono) => {
    app.route('/console', consoleRoutes(full, pages));
    // Before /api: the leads API's role middleware covers /api/* once mounted.
    app.route('/api/knowledge', knowledgeApiRoutes(full, knowledge));
    app.route('/api/knowledge-gaps', knowledgeGapApiRoutes(full, knowledge));
    app.route('/api/knowledge-expiry', knowledgeExpiryApiRoutes(full, knowledge));
    app.route('/api', apiRoutes(full));
    // The public pages: no login, no cookie, cacheable (`/officiel`, `/a-propos`).
    app.route('/', officialPublicRoutes(full));
    app.route('/', aboutRoutes({ config: full.config, evalRecord }));
  };
}

export const mountOfficerRoutes = (deps: ConsoleDeps, broadcasts: BroadcastService) =>
  mountConsole(deps, broadcasts);
