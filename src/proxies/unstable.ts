// A score a proxy could compute but does not trust (e.g. GraSP when two finite-difference steps disagree): thrown
// with its estimate, recorded as status `unstable` with the reason (scores.csv keeps the value, run.json the
// reason), and left out of correlations like nan / inf / error rows.
export class UnstableScore extends Error {
  constructor(readonly value: number, reason: string) {
    super(reason);
    this.name = 'UnstableScore';
  }
}
