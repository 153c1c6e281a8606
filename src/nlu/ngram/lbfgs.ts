// Limited-memory BFGS minimiser (two-loop recursion, backtracking line search): trains the n-gram model's logistic
// regressions offline, where plain gradient descent would need thousands of passes over the corpus.

/** Fills `gradient` and returns the objective at `x`. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface LbfgsOptions {
  iterations: number;
  /** Pairs of past steps kept. */
  memory?: number;
  /** Stops when the gradient's largest component falls below this. */
  tolerance?: number;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

export function minimise(objective: Objective, start: Float64Array, options: LbfgsOptions): { x: Float64Array; value: number; iterations: number } {
  const n = start.length;
  const m = options.memory ?? 10;
  const tolerance = options.tolerance ?? 1e-7;
  let x = Float64Array.from(start);
  let g = new Float64Array(n);
  let f = objective(x, g);
  const sList: Float64Array[] = [];
  const yList: Float64Array[] = [];
  const rho: number[] = [];
  const direction = new Float64Array(n);
  const alpha = new Float64Array(m);
  let iteration = 0;
  for (; iteration < options.iterations; iteration++) {
    let largest = 0;
    for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(g[i]!));
    if (largest < tolerance) break;
    // Two-loop recursion: direction = -H g.
    for (let i = 0; i < n; i++) direction[i] = -g[i]!;
    for (let k = sList.length - 1; k >= 0; k--) {
      alpha[k] = rho[k]! * dot(sList[k]!, direction);
      const y = yList[k]!;
      for (let i = 0; i < n; i++) direction[i] -= alpha[k]! * y[i]!;
    }
    if (sList.length > 0) {
      const last = sList.length - 1;
      const gamma = dot(sList[last]!, yList[last]!) / dot(yList[last]!, yList[last]!);
      for (let i = 0; i < n; i++) direction[i] *= gamma;
    } else {
      // First step: a short one along the gradient, scaled so it moves about one unit.
      const norm = Math.sqrt(dot(g, g));
      for (let i = 0; i < n; i++) direction[i] /= norm;
    }
    for (let k = 0; k < sList.length; k++) {
      const beta = rho[k]! * dot(yList[k]!, direction);
      const s = sList[k]!;
      for (let i = 0; i < n; i++) direction[i] += s[i]! * (alpha[k]! - beta);
    }
    let slope = dot(g, direction);
    if (slope >= 0) {
      // Not a descent direction (curvature information went stale): start over from the gradient.
      sList.length = yList.length = rho.length = 0;
      for (let i = 0; i < n; i++) direction[i] = -g[i]!;
      slope = dot(g, direction);
    }
    // Backtracking line search (Armijo condition).
    let step = 1;
    const next = new Float64Array(n);
    const nextG = new Float64Array(n);
    let nextF = Infinity;
    for (let tries = 0; tries < 30; tries++) {
      for (let i = 0; i < n; i++) next[i] = x[i]! + step * direction[i]!;
      nextF = objective(next, nextG);
      if (nextF <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(nextF < f)) break;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = next[i]! - x[i]!;
      y[i] = nextG[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      if (sList.length === m) {
        sList.shift();
        yList.shift();
        rho.shift();
      }
      sList.push(s);
      yList.push(y);
      rho.push(1 / sy);
    }
    x = next;
    g = nextG;
    f = nextF;
  }
  return { x, value: f, iterations: iteration };
}
