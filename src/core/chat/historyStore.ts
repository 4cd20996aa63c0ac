import type { KeyValueStore, Logger } from '../ports';
import type { ConversationSummary } from '../../shared/protocol';
import { parseStoredConversation, storedSummarySchema, toStorable, type StoredConversation, type StoredSummary } from './storedConversation';

const INDEX_KEY = 'claudeStream.history.index';
const CONVERSATION_KEY = (id: string) => `claudeStream.history.conversation.${id}`;
const LAST_OPEN_KEY = 'claudeStream.history.lastOpen';

/**
 * Conversations kept in workspace state, newest first, bounded to `maxConversations`
 * with the oldest dropped. Each conversation is its own key so saving one answer does
 * not rewrite the others.
 */
export class HistoryStore {
  constructor(
    private readonly state: KeyValueStore,
    private readonly maxConversations: () => number,
    private readonly logger?: Logger,
  ) {}

  list(): ConversationSummary[] {
    const raw = this.state.get<unknown>(INDEX_KEY);
    if (!Array.isArray(raw)) return [];
    return raw.flatMap(toSummary).sort((a, b) => b.updatedAt - a.updatedAt);
  }

  load(id: string): StoredConversation | undefined {
    const parsed = parseStoredConversation(this.state.get<unknown>(CONVERSATION_KEY(id)));
    if (!parsed && this.state.get<unknown>(CONVERSATION_KEY(id)) !== undefined) {
      this.logger?.warn(`History: conversation ${id} was unreadable and is skipped.`);
    }
    return parsed;
  }

  async save(conversation: StoredConversation): Promise<void> {
    if (conversation.messages.length === 0) return;
    const summary: StoredSummary = {
      id: conversation.id,
      title: conversation.title,
      updatedAt: conversation.updatedAt,
      messageCount: conversation.messages.length,
    };
    const index = [summary, ...this.list().filter((s) => s.id !== conversation.id)];
    const keep = index.slice(0, Math.max(1, this.maxConversations()));
    const dropped = index.slice(keep.length);
    await this.state.update(CONVERSATION_KEY(conversation.id), toStorable(conversation));
    await this.state.update(INDEX_KEY, keep);
    for (const old of dropped) await this.state.update(CONVERSATION_KEY(old.id), undefined);
  }

  lastOpen(): string | undefined {
    const id = this.state.get<unknown>(LAST_OPEN_KEY);
    return typeof id === 'string' ? id : undefined;
  }

  async setLastOpen(id: string): Promise<void> {
    await this.state.update(LAST_OPEN_KEY, id);
  }
}

/** An index entry read back, as the history list shows it; an unreadable one is skipped. */
function toSummary(raw: unknown): ConversationSummary[] {
  const parsed = storedSummarySchema.safeParse(raw);
  return parsed.success ? [parsed.data] : [];
}
