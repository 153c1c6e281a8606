// The counts of one violence section as the level rules see them.

/** A count left out (undefined) or given as null is unknown; a number is a whole count >= 0. */
export interface IncidentCounts {
  mildIncidents?: number | null;
  severeIncidents?: number | null;
}
