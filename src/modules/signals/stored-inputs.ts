import type { InputDefaults, SignalInput, SlotProvenance } from '../../core/signals/index.js';

export type { InputDefaults } from '../../core/signals/index.js';

/**
 * The stored form of a signal's input. Every indicator, outlook input and context fact carries its provenance
 * (source, period, as-of date, unit, estimated), and within one round nearly all of them share the same provenance
 * per kind — an 18H county index always says "af-yrkesprognoser, 18H, 2018-12-31, index 1–5". Stored whole, that
 * repetition was half of every row (1.4 kB on average) and a third of the time of a full recomputation.
 *
 * So a round keeps one set of defaults (stored with its run): per slot (`indicators/<kind>`, `outlook/<kind>`,
 * `context/<key>`) the provenance of the first entry seen. A row stores only the provenance fields that differ
 * from its slot's default, and the reference date only when it differs from the round's. Optional fields
 * (measuredAt, note, members …) are always stored as they are. `expandInputs` restores the input exactly.
 */

const PROVENANCE_KEYS = ['sourceId', 'period', 'asOf', 'unit', 'estimated'] as const;
type Provenance = SlotProvenance;

/** What a row stores: the input without its key (ssyk, geography, round), provenance reduced against defaults. */
export type StoredInputs = Record<string, unknown>;

type Entry = Record<string, unknown>;

export function emptyDefaults(referenceDate: string): InputDefaults {
  return { referenceDate, slots: {} };
}

const isProvenanceKey = new Set<string>(PROVENANCE_KEYS);

function compactEntry(entry: Entry, slot: string, defaults: InputDefaults): Entry {
  let base = defaults.slots[slot] as unknown as Entry | undefined;
  if (!base) {
    base = {};
    for (const k of PROVENANCE_KEYS) base[k] = entry[k];
    defaults.slots[slot] = base as unknown as Provenance;
  }
  const out: Entry = {};
  for (const key in entry) {
    const value = entry[key];
    if (!isProvenanceKey.has(key) || value !== base[key]) out[key] = value;
  }
  return out;
}

function expandEntry(entry: Entry, slot: string, defaults: InputDefaults): Entry {
  const base = defaults.slots[slot];
  return base ? { ...base, ...entry } : entry;
}

/**
 * The stored form of one input. `defaults` grows as new slots appear (the first entry of a slot sets its default),
 * so it must be stored after the last row of the round is compacted.
 */
export function compactInputs(input: SignalInput, defaults: InputDefaults): StoredInputs {
  const {
    ssyk: _s,
    geographyId: _g,
    round: _r,
    referenceDate,
    indicators,
    outlook,
    context,
    ...rest
  } = input;
  const stored: StoredInputs = {
    indicators: indicators.map((i) => compactEntry(i as unknown as Entry, `indicators/${i.kind}`, defaults)),
    outlook: outlook.map((o) => compactEntry(o as unknown as Entry, `outlook/${o.kind}`, defaults)),
    context: {},
    ...rest,
  };
  const facts: Record<string, Entry> = {};
  for (const key in context) {
    facts[key] = compactEntry(
      context[key as keyof typeof context] as unknown as Entry,
      `context/${key}`,
      defaults,
    );
  }
  stored.context = facts;
  if (referenceDate !== defaults.referenceDate) stored.referenceDate = referenceDate;
  return stored;
}

/** The input a row was computed from, restored from its stored form and its round's defaults. */
export function expandInputs(
  stored: StoredInputs,
  defaults: InputDefaults,
  key: { ssyk: string; geographyId: string; round: string },
): SignalInput {
  const { indicators, outlook, context, referenceDate, ...rest } = stored as {
    indicators: Entry[];
    outlook: Entry[];
    context: Record<string, Entry>;
    referenceDate?: string;
  };
  return {
    ...rest,
    ...key,
    referenceDate: referenceDate ?? defaults.referenceDate,
    indicators: indicators.map((i) => expandEntry(i, `indicators/${i.kind}`, defaults)),
    outlook: outlook.map((o) => expandEntry(o, `outlook/${o.kind}`, defaults)),
    context: Object.fromEntries(
      Object.entries(context).map(([k, fact]) => [k, expandEntry(fact, `context/${k}`, defaults)]),
    ),
  } as unknown as SignalInput;
}
