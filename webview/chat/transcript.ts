/**
 * The scrolling list of turns. Streams render at most once per animation frame; the view
 * follows the stream only while the user is at the bottom; link clicks go to the host.
 */
import type { ChatWebviewMessage } from '../../src/shared/protocol/chat';
import type { MessageView } from '../../src/shared/protocol/chatViews';
import { FrameScheduler } from '../lib/frameScheduler';
import { el } from '../lib/dom';
import { CodeToolbar } from './codeToolbar';
import { ScrollFollower } from './scrollFollower';
import { Turn } from './turn';

/** All turns of the current conversation. */
export class Transcript {
  readonly element: HTMLElement;
  readonly scroller: HTMLElement;
  private readonly list: HTMLElement;
  private readonly jump: HTMLButtonElement;
  private readonly turns = new Map<string, Turn>();
  private readonly scheduler = new FrameScheduler();
  private readonly follower: ScrollFollower;
  private readonly dirty = new Set<Turn>();

  constructor(
    private readonly post: (message: ChatWebviewMessage) => void,
    onFollowChange: (following: boolean) => void,
  ) {
    this.element = document.createElement('main');
    this.element.className = 'transcript';
    this.scroller = document.createElement('div');
    this.scroller.className = 'messages';
    this.scroller.dataset.testid = 'messages';
    this.scroller.setAttribute('role', 'log');
    this.scroller.setAttribute('aria-label', 'Conversation');
    this.scroller.tabIndex = 0;
    this.list = document.createElement('div');
    this.list.className = 'turns';
    this.scroller.append(this.list);

    this.jump = el('button', { className: 'jump-to-latest', testId: 'jump-to-latest', text: 'Jump to latest ↓', hidden: true });
    this.jump.addEventListener('click', () => this.follow());
    this.element.append(this.scroller, this.jump);

    this.follower = new ScrollFollower(this.scroller, (following) => {
      this.jump.hidden = following;
      onFollowChange(following);
    });
    new CodeToolbar(this.list, post);
    this.list.addEventListener('click', (e) => this.interceptLink(e));
    this.list.addEventListener('auxclick', (e) => this.interceptLink(e));
  }

  /** Whether the view follows new content. */
  get following(): boolean {
    return this.follower.following;
  }

  /** Scroll offset, for persisting. */
  get scrollTop(): number {
    return this.follower.scrollTop;
  }

  /** Replaces every turn (a `chat/state`). */
  reset(messages: MessageView[]): void {
    for (const turn of this.turns.values()) turn.dispose();
    this.turns.clear();
    this.dirty.clear();
    this.list.replaceChildren();
    for (const message of messages) this.add(message, false);
    this.refreshLast();
  }

  /** Adds one turn at the end. */
  add(message: MessageView, refresh = true): Turn {
    this.turns.get(message.id)?.element.remove();
    const turn = new Turn(message, { post: this.post, changed: () => this.follower.stick() });
    this.turns.set(message.id, turn);
    this.list.append(turn.element);
    if (refresh) this.refreshLast();
    this.follower.stick();
    return turn;
  }

  /** The turn with this id; an unknown stream id gets an empty streaming answer. */
  turn(id: string): Turn {
    return this.turns.get(id) ?? this.add({ id, role: 'assistant', text: '', state: 'streaming' });
  }

  /** Asks for a render of `turn` in the next frame. */
  invalidate(turn: Turn): void {
    this.dirty.add(turn);
    this.scheduler.schedule(() => this.renderDirty());
  }

  /** Renders pending work now (a stream just ended). */
  flush(): void {
    this.scheduler.flush();
  }

  /** Resumes following and scrolls to the latest content. */
  follow(): void {
    this.follower.resume();
    this.jump.hidden = true;
  }

  /** Restores the saved scroll position after a reload. */
  restoreScroll(following: boolean, scrollTop: number): void {
    this.follower.restore(following, scrollTop);
    this.jump.hidden = following;
  }

  /** Shows Regenerate on the last answer only. */
  refreshLast(): void {
    const all = [...this.turns.values()];
    const last = [...all].reverse().find((t) => t.role === 'assistant');
    for (const turn of all) turn.setLastAnswer(turn === last);
  }

  /** The most recent answer still streaming, if any. */
  streamingTurn(): Turn | undefined {
    return [...this.turns.values()].reverse().find((t) => t.streaming);
  }

  dispose(): void {
    this.scheduler.dispose();
    this.follower.dispose();
    for (const turn of this.turns.values()) turn.dispose();
  }

  private renderDirty(): void {
    let changed = false;
    for (const turn of this.dirty) changed = turn.render() || changed;
    this.dirty.clear();
    if (changed) this.follower.stick();
  }

  private interceptLink(event: MouseEvent): void {
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor) return;
    // Never navigate the webview: the host checks the scheme and opens it, or refuses.
    event.preventDefault();
    const href = anchor.getAttribute('href');
    if (href) this.post({ type: 'link/open', href });
  }
}
