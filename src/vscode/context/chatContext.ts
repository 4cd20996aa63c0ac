import type { AttachmentView, ChatHostMessage, ChatWebviewMessage } from '../../shared/protocol';

/** The `context/*` requests the chat webview sends (`context/addSelection` excepted: the panel answers it). */
export type ContextRequest = Extract<
  ChatWebviewMessage,
  { type: 'context/query' | 'context/add' | 'context/acceptOffer' | 'context/dropUris' | 'context/image' | 'context/activeFile' | 'context/remove' }
>;

/** What the chat panel asks of the workspace context service. */
export interface ChatContext {
  /** Answers one context request; replies go through `post`. */
  handle(request: ContextRequest, post: (message: ChatHostMessage) => void): Promise<void>;
  /**
   * The attachments to send with a submitted prompt: the host's own copy of each attachment it
   * issued, anything else re-checked, plus the `#mentions` typed in the text. Undefined when the
   * prompt must wait (a mention was refused, or the user declined a secret): the reason and the
   * text have been posted back.
   */
  prepareSubmit(text: string, attachments: readonly AttachmentView[] | undefined, post: (message: ChatHostMessage) => void): Promise<AttachmentView[] | undefined>;
  /** Takes an attachment made elsewhere (Add selection) as one the host issued: it is counted in the meter and sent as issued. */
  adopt(attachment: AttachmentView): void;
  /** Called when the webview (re)loads: it gets the active-file toggle's state. */
  ready(post: (message: ChatHostMessage) => void): void;
}
