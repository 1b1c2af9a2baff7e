// The part of csv-parse's browser build that the client loads (features/calculators/pledge-csv.ts).
// csv-parse ships one set of declarations written against Node (`/// <reference types="node" />`,
// stream.Transform, Buffer), even for the browser build, and importing them would put Node's
// globals into the client's program; client/tsconfig.json maps the module name to this file.

/** The parser options the client passes. */
export interface Options {
  bom?: boolean;
  relax_column_count?: boolean;
  skip_empty_lines?: boolean;
  trim?: boolean;
}

/** Parses CSV text into records of fields; throws on a table it cannot read. */
export function parse(input: string, options?: Options): string[][];
