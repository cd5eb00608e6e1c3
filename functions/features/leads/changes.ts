/**
 * A counter of lead writes made by this process: a reader that keeps an aggregate of the leads
 * (the dashboard's) knows it is out of date as soon as this process changed a lead. Writes made
 * by another process (another Lambda) show once the aggregate's own time to live is over.
 */
let generation = 0;

export const leadsGeneration = () => generation;

/** Called wherever a lead item is built for a write (repository.ts `leadItem`). */
export function noteLeadWrite(): void {
  generation++;
}
