// Export-format readers used by tests/unit/palette-export.spec.ts that ship no type declarations.

declare module 'ase-util' {
  type AseColor = { model: 'RGB'; r: number; g: number; b: number; hex: string; type: 'global' | 'spot' | 'normal' };
  type AseEntry = { type: 'color'; name: string; color: AseColor };
  export function read(buffer: Buffer): ({ type: 'group'; name: string; entries: AseEntry[] } | AseEntry)[];
}

declare module 'anypalette' {
  type Color = { name?: string; red: number; green: number; blue: number; toString(): string };
  type Palette = Color[] & { name?: string };
  type Format = { name: string };
  export function loadPalette(
    options: { data: ArrayBuffer; fileName: string },
    callback: (error: Error | null, palette?: Palette, format?: Format) => void,
  ): void;
}

// The Prometheus text-format parser of tests/http/metrics.spec.ts; its output is prom2json's.
declare module 'parse-prometheus-text-format' {
  type Labels = Record<string, string>;
  type Sample = { labels?: Labels; value: string };
  type HistogramSample = { labels?: Labels; buckets: Record<string, string>; count: string; sum: string };
  export type MetricFamily = { name: string; help: string; type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED'; metrics: (Sample | HistogramSample)[] };
  export default function parsePrometheusTextFormat(text: string): MetricFamily[];
}
