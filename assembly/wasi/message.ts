// The parsed message, valid until the next parseMessage call: spans of the line
// (byte offsets from its start) and the metadata text around umh_topic.
// Set by parseMessage (jsonl.ts) and metadata.ts; read by run.ts.

import { Buf } from "./buf";

export let lineStart: usize = 0;
export let lineLen: i32 = 0;
export let topicFromMember = false;
/** The message's topic as UTF-8 (in `topic`); empty when it has none. */
export const topic = new Buf();
export const payload = new Buf();
export let hasMetadata = false;
/** The output metadata up to and including `"umh_topic":`, and after its value. */
export const metaBefore = new Buf();
export const metaAfter = new Buf();
