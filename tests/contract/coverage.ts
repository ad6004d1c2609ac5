/**
 * Which port × adapter pairs had a contract run, so a final check can compare them with every port
 * the persistence modules bind and every object store kind. A port or an adapter added without a
 * contract run fails that check.
 */
const runs = new Set<string>();

const pair = (port: symbol, adapter: string) => `${port.description} × ${adapter}`;

/** A contract suite of one port on one adapter: a describe block that records its run. */
export function contractSuite(port: symbol, adapter: string, body: () => void): void {
  describe(`${port.description} contract: ${adapter}`, () => {
    before(() => void runs.add(pair(port, adapter)));
    body();
  });
}

/** The pairs of `expected` that had no contract run. */
export function missingRuns(expected: { port: symbol; adapter: string }[]): string[] {
  return expected.map(({ port, adapter }) => pair(port, adapter)).filter((p) => !runs.has(p));
}
