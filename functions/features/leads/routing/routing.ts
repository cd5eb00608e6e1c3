import { z } from 'zod';
import { AppError } from '../../../core/errors.js';
import { PROGRAMME_IDS, type Programme, SECTOR_IDS, type Sector } from '../catalog.js';
import bundled from './routing-table.json' with { type: 'json' };

/** The routing table is invalid: the process must not start with it. */
export class RoutingTableError extends AppError {}

export const ASSIGNMENT = { leastOpen: 'least-open', unassigned: 'unassigned' } as const;

const deskSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  names: z.object({ fr: z.string().min(1), en: z.string().min(1) }),
  /** The desk's Telegram group; may also come from `DESK_TELEGRAM_CHAT_IDS` (per environment). */
  telegramChatId: z
    .string()
    .regex(/^-?\d+$/)
    .optional(),
  /** Officer ids of the supervisors who receive this desk's escalations. */
  supervisors: z.array(z.string().min(1)),
  sla: z.object({
    claimMinutes: z.number().int().positive(),
    contactMinutes: z.number().int().positive(),
  }),
  assignment: z.enum([ASSIGNMENT.leastOpen, ASSIGNMENT.unassigned]),
});

const ruleSchema = z
  .object({
    kind: z.enum(['registration', 'handoff']).optional(),
    programmes: z.array(z.enum(PROGRAMME_IDS as [Programme, ...Programme[]])).optional(),
    sectors: z.array(z.enum(SECTOR_IDS as [Sector, ...Sector[]])).optional(),
    desk: z.string(),
  })
  .refine((r) => r.kind || r.programmes || r.sectors, 'a rule must match on kind, programmes or sectors');

export const routingTableSchema = z
  .object({
    version: z.string().min(1),
    defaultDesk: z.string(),
    desks: z.array(deskSchema).min(1),
    rules: z.array(ruleSchema),
  })
  .superRefine((table, ctx) => {
    const ids = new Set(table.desks.map((d) => d.id));
    if (ids.size !== table.desks.length) ctx.addIssue({ code: 'custom', message: 'duplicate desk id' });
    for (const desk of [table.defaultDesk, ...table.rules.map((r) => r.desk)]) {
      if (!ids.has(desk)) ctx.addIssue({ code: 'custom', message: `unknown desk "${desk}"` });
    }
  });

export type RoutingTable = z.infer<typeof routingTableSchema>;
export type Desk = RoutingTable['desks'][number];

export interface RouteInput {
  kind: 'registration' | 'handoff';
  programme?: Programme | undefined;
  sector?: Sector | undefined;
}

/**
 * Validates a routing table, merging the per-environment desk chat ids
 * (`"investment-promotion=-1001,digital-economy=-1002"`). Throws `RoutingTableError` naming the fault.
 */
export function loadRoutingTable(raw: unknown = bundled, deskChatIds?: string): RoutingTable {
  const parsed = routingTableSchema.safeParse(raw);
  if (!parsed.success) {
    throw new RoutingTableError(
      `Invalid routing table: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  }
  const table = parsed.data;
  for (const pair of (deskChatIds ?? '').split(',').filter((p) => p.trim())) {
    const [id, chat] = pair.split('=').map((s) => s.trim());
    const desk = table.desks.find((d) => d.id === id);
    if (!desk || !chat || !/^-?\d+$/.test(chat)) {
      throw new RoutingTableError(`Invalid DESK_TELEGRAM_CHAT_IDS entry "${pair}"`);
    }
    desk.telegramChatId = chat;
  }
  return table;
}

/** The desk for a lead: the first rule that matches, else the default desk. */
export function routeLead(table: RoutingTable, input: RouteInput): Desk {
  const rule = table.rules.find(
    (r) =>
      (!r.kind || r.kind === input.kind) &&
      (!r.programmes || (input.programme !== undefined && r.programmes.includes(input.programme))) &&
      (!r.sectors || (input.sector !== undefined && r.sectors.includes(input.sector))),
  );
  return deskById(table, rule?.desk ?? table.defaultDesk);
}

export function deskById(table: RoutingTable, id: string): Desk {
  const desk = table.desks.find((d) => d.id === id);
  if (!desk) throw new RoutingTableError(`unknown desk "${id}"`);
  return desk;
}
