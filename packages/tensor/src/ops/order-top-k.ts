/**
 * Orders one row for `topk` exactly as PyTorch 1.13's CPU kernel does, so that ties (and NaNs)
 * come out in the same order. PyTorch fills a queue with (value, index) pairs in index order and
 * calls libstdc++'s `std::partial_sort` when `k * 64 <= n`, else `std::nth_element` at `k - 1`
 * followed (when sorted) by `std::sort` of the first `k - 1`. Neither is stable, so the order
 * of equal values is whatever those algorithms leave; the functions below are the same
 * algorithms (heap select, introselect, introsort with median-of-three pivots and a final
 * insertion sort), step for step, over two parallel arrays.
 *
 * The comparator puts NaN first for `largest` (NaN counts as the largest value) and last
 * otherwise. Costs: O(n log k) for the partial sort, O(n + k log k) on average for the other.
 *
 * @example
 * ```ts
 * const values = Float64Array.of(0, 0, 0, 0), indices = Int32Array.of(0, 1, 2, 3);
 * orderTopK(values, indices, 4, 2, true, true); // indices starts [2, 3], as torch.topk gives
 * ```
 */
export function orderTopK(
  values: Float64Array,
  indices: Int32Array,
  n: number,
  k: number,
  largest: boolean,
  sorted: boolean,
): void {
  if (k === 0) return;
  const q = new Queue(values, indices, largest ? nanFirstGreater : nanLastLess);
  if (k * 64 <= n) {
    q.heapSelect(0, k, n);
    q.sortHeap(0, k);
  } else {
    q.nthElement(0, k - 1, n);
    if (sorted) q.sort(0, k - 1);
  }
}

type Compare = (a: number, b: number) => boolean;

const nanFirstGreater: Compare = (a, b) => (a !== a && b === b) || a > b;
const nanLastLess: Compare = (a, b) => (a === a && b !== b) || a < b;

/** floor(log2(n)) for n >= 1, libstdc++'s `__lg`. */
const lg = (n: number): number => 31 - Math.clz32(n);

/** libstdc++'s `_S_threshold`: below it, introsort leaves runs to the insertion sort. */
const THRESHOLD = 16;

/** The queue of (value, index) pairs, with positions as the iterators of the C++ code. */
class Queue {
  constructor(
    private readonly v: Float64Array,
    private readonly ix: Int32Array,
    private readonly comp: Compare,
  ) {}

  private move(from: number, to: number): void {
    this.v[to] = this.v[from];
    this.ix[to] = this.ix[from];
  }

  private swap(a: number, b: number): void {
    const v = this.v[a];
    const i = this.ix[a];
    this.move(b, a);
    this.v[b] = v;
    this.ix[b] = i;
  }

  /** `__adjust_heap`: sinks the hole at `hole` to a leaf, then pushes (value, index) up. */
  private adjustHeap(first: number, hole: number, len: number, value: number, index: number) {
    const { v, comp } = this;
    const top = hole;
    let child = hole;
    while (child < Math.trunc((len - 1) / 2)) {
      child = 2 * (child + 1);
      if (comp(v[first + child], v[first + child - 1])) child--;
      this.move(first + child, first + hole);
      hole = child;
    }
    if ((len & 1) === 0 && child === Math.trunc((len - 2) / 2)) {
      child = 2 * (child + 1);
      this.move(first + child - 1, first + hole);
      hole = child - 1;
    }
    // __push_heap
    let parent = Math.trunc((hole - 1) / 2);
    while (hole > top && comp(v[first + parent], value)) {
      this.move(first + parent, first + hole);
      hole = parent;
      parent = Math.trunc((hole - 1) / 2);
    }
    v[first + hole] = value;
    this.ix[first + hole] = index;
  }

  private makeHeap(first: number, last: number): void {
    const len = last - first;
    if (len < 2) return;
    for (let parent = Math.trunc((len - 2) / 2); ; parent--) {
      this.adjustHeap(first, parent, len, this.v[first + parent], this.ix[first + parent]);
      if (parent === 0) return;
    }
  }

  /** `__pop_heap`: the heap's top goes to `result`, whose element re-enters the heap. */
  private popHeap(first: number, last: number, result: number): void {
    const value = this.v[result];
    const index = this.ix[result];
    this.move(first, result);
    this.adjustHeap(first, 0, last - first, value, index);
  }

  /** `__heap_select`: the best `middle - first` elements of the range end up in a heap there. */
  heapSelect(first: number, middle: number, last: number): void {
    this.makeHeap(first, middle);
    const { v, comp } = this;
    for (let i = middle; i < last; i++) if (comp(v[i], v[first])) this.popHeap(first, middle, i);
  }

  sortHeap(first: number, last: number): void {
    while (last - first > 1) {
      last--;
      this.popHeap(first, last, last);
    }
  }

  private moveMedianToFirst(result: number, a: number, b: number, c: number): void {
    const { v, comp } = this;
    if (comp(v[a], v[b])) {
      if (comp(v[b], v[c])) this.swap(result, b);
      else if (comp(v[a], v[c])) this.swap(result, c);
      else this.swap(result, a);
    } else if (comp(v[a], v[c])) this.swap(result, a);
    else if (comp(v[b], v[c])) this.swap(result, c);
    else this.swap(result, b);
  }

  /** `__unguarded_partition_pivot`: median of three moved to `first`, then Hoare's partition. */
  private partitionPivot(first: number, last: number): number {
    const mid = first + Math.trunc((last - first) / 2);
    this.moveMedianToFirst(first, first + 1, mid, last - 1);
    const { v, comp } = this;
    const pivot = first;
    let lo = first + 1;
    let hi = last;
    for (;;) {
      while (comp(v[lo], v[pivot])) lo++;
      hi--;
      while (comp(v[pivot], v[hi])) hi--;
      if (!(lo < hi)) return lo;
      this.swap(lo, hi);
      lo++;
    }
  }

  /** `__unguarded_linear_insert`: moves the element at `last` left past every greater one. */
  private linearInsert(last: number): void {
    const { v, comp } = this;
    const value = v[last];
    const index = this.ix[last];
    let next = last - 1;
    while (comp(value, v[next])) {
      this.move(next, last);
      last = next;
      next--;
    }
    v[last] = value;
    this.ix[last] = index;
  }

  private insertionSort(first: number, last: number): void {
    if (first === last) return;
    const { v, ix, comp } = this;
    for (let i = first + 1; i < last; i++) {
      if (comp(v[i], v[first])) {
        const value = v[i];
        const index = ix[i];
        v.copyWithin(first + 1, first, i);
        ix.copyWithin(first + 1, first, i);
        v[first] = value;
        ix[first] = index;
      } else this.linearInsert(i);
    }
  }

  /** `std::nth_element` (introselect). */
  nthElement(first: number, nth: number, last: number): void {
    if (first === last || nth === last) return;
    let depth = lg(last - first) * 2;
    while (last - first > 3) {
      if (depth === 0) {
        this.heapSelect(first, nth + 1, last);
        this.swap(first, nth);
        return;
      }
      depth--;
      const cut = this.partitionPivot(first, last);
      if (cut <= nth) first = cut;
      else last = cut;
    }
    this.insertionSort(first, last);
  }

  /** `std::sort` (introsort, then the final insertion sort). */
  sort(first: number, last: number): void {
    if (first === last) return;
    this.introsortLoop(first, last, lg(last - first) * 2);
    if (last - first > THRESHOLD) {
      this.insertionSort(first, first + THRESHOLD);
      for (let i = first + THRESHOLD; i < last; i++) this.linearInsert(i);
    } else this.insertionSort(first, last);
  }

  private introsortLoop(first: number, last: number, depth: number): void {
    while (last - first > THRESHOLD) {
      if (depth === 0) {
        this.heapSelect(first, last, last);
        this.sortHeap(first, last);
        return;
      }
      depth--;
      const cut = this.partitionPivot(first, last);
      this.introsortLoop(cut, last, depth);
      last = cut;
    }
  }
}
