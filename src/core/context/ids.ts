import { makeIdFactory } from '../chat/conversation';

/** Host-issued attachment ids: unique in the window, and safe for the protocol's id pattern. */
export const newAttachmentId: () => string = makeIdFactory('att');
