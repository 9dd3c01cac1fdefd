// Transparent huge pages for the native heap of scoring workers. onnxruntime's gradient models touch about 0.7 GB
// of fresh memory in a session's first run (NB201 all-3x3, batch 64) and give it back to the system when the
// session is released, so every arch pays 4 KiB page faults again: 178k faults and 4.6 s CPU for a run that costs
// 1.9 s warm. glibc (2.35 and later) marks its large mappings for huge pages with the tunable below, where the
// kernel's THP mode is `madvise` (a common default); the same first run then takes 2.3 s (bench/onnx-grad-pass.ts
// --first-runs with and without GLIBC_TUNABLES=glibc.malloc.hugetlb=1). Tunables are read when a process starts,
// so `--jobs` sets it for its workers. Other C libraries and systems ignore the variable.
export const HUGE_PAGE_TUNABLE = 'glibc.malloc.hugetlb=1';

/** GLIBC_TUNABLES for a child process: `current` with huge pages added, unless it already says what hugetlb is. */
export function withHugePageTunable(current: string | undefined): string {
  if (!current) return HUGE_PAGE_TUNABLE;
  if (current.split(':').some((t) => t.startsWith('glibc.malloc.hugetlb='))) return current;
  return `${current}:${HUGE_PAGE_TUNABLE}`;
}
