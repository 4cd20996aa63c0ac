/**
 * Follows the stream while the user is at the bottom. As soon as the user scrolls up it stops
 * and never moves the scroll position again until they click "Jump to latest", send, or
 * scroll back to the bottom themselves (the jumping of cline#3789 is what this prevents).
 */
const BOTTOM_SLACK_PX = 8;

/** Auto-scroll policy for one scroll container. */
export class ScrollFollower {
  private follow = true;
  /** scrollTop we last set; a smaller value seen in a scroll event means the user moved. */
  private expectedTop = 0;
  private readonly onScroll = () => this.handleScroll();

  constructor(
    private readonly scroller: HTMLElement,
    private readonly onChange: (following: boolean) => void,
  ) {
    scroller.addEventListener('scroll', this.onScroll, { passive: true });
  }

  /** Whether new content scrolls into view. */
  get following(): boolean {
    return this.follow;
  }

  /** Call after content changed: keeps the bottom in view when following, else does nothing. */
  stick(): void {
    if (!this.follow) return;
    this.scroller.scrollTop = this.scroller.scrollHeight;
    this.expectedTop = this.scroller.scrollTop;
  }

  /** Starts following again and scrolls to the bottom. */
  resume(): void {
    this.set(true);
    this.stick();
  }

  /** Restores a saved position without following (after a reload). */
  restore(following: boolean, scrollTop: number): void {
    if (following) {
      this.resume();
      return;
    }
    this.set(false);
    this.scroller.scrollTop = scrollTop;
  }

  /** Current scroll offset, for persisting. */
  get scrollTop(): number {
    return this.scroller.scrollTop;
  }

  dispose(): void {
    this.scroller.removeEventListener('scroll', this.onScroll);
  }

  private handleScroll(): void {
    const { scrollTop, scrollHeight, clientHeight } = this.scroller;
    const atBottom = scrollHeight - scrollTop - clientHeight <= BOTTOM_SLACK_PX;
    if (this.follow && scrollTop < this.expectedTop - 1 && !atBottom) this.set(false);
    else if (!this.follow && atBottom) {
      this.set(true);
      this.expectedTop = scrollTop;
    } else if (this.follow) this.expectedTop = Math.max(this.expectedTop, scrollTop);
  }

  private set(following: boolean): void {
    if (this.follow === following) return;
    this.follow = following;
    this.onChange(following);
  }
}
