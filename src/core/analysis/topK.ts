/**
 * Exact top-k over scores that only grow. Because a score never falls, an item outside the
 * top can only enter it at the moment its own score rises, so each update is O(k) and
 * reading the top never scans all items.
 */
export class TopK<T extends { key: string; score: number }> {
  private readonly items: T[] = [];

  constructor(private readonly k: number) {}

  /** Call after `item.score` has grown (or on its first appearance). */
  update(item: T): void {
    let at = this.items.indexOf(item);
    if (at < 0) {
      if (this.items.length >= this.k && !better(item, this.items[this.items.length - 1])) return;
      this.items.push(item);
      at = this.items.length - 1;
    }
    while (at > 0 && better(this.items[at], this.items[at - 1])) {
      [this.items[at - 1], this.items[at]] = [this.items[at], this.items[at - 1]];
      at -= 1;
    }
    if (this.items.length > this.k) this.items.pop();
  }

  /** The current top, best first. */
  list(): readonly T[] {
    return this.items;
  }
}

/** Higher score first; ties broken by key so the order does not depend on arrival. */
function better(a: { key: string; score: number }, b: { key: string; score: number }): boolean {
  return a.score > b.score || (a.score === b.score && a.key < b.key);
}
