// Small validators for proxy options: a bad value says which proxy, which option, what was given and what is expected.

export function positiveInt(proxy: string, options: Record<string, unknown>, key: string, min = 1): number {
  const v = options[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new Error(`proxy ${proxy}: option "${key}" must be an integer >= ${min}, got ${JSON.stringify(v)}`);
  }
  return v;
}

export function positiveNumber(proxy: string, options: Record<string, unknown>, key: string): number {
  const v = options[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    throw new Error(`proxy ${proxy}: option "${key}" must be a positive number, got ${JSON.stringify(v)}`);
  }
  return v;
}
