// A playground state (config and input) as a URL fragment: JSON, deflated with
// the browser's CompressionStream, in base64url. The fragment never reaches a
// server, and decoding needs no network.

export interface SharedState {
  readonly config: string;
  readonly input: string;
}

/** Fragments this version writes start with this tag (a future format gets another). */
const TAG = "v1.";

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The fragment (without `#`) for `state`. */
export async function encodeState(state: SharedState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify({ c: state.config, i: state.input }));
  return TAG + toBase64Url(await pipe(json, new CompressionStream("deflate-raw")));
}

/** The state in `fragment` (with or without `#`); null for no fragment; throws for a damaged one. */
export async function decodeState(fragment: string): Promise<SharedState | null> {
  const body = fragment.replace(/^#/, "");
  if (body === "") return null;
  if (!body.startsWith(TAG)) throw new Error("this link was made by another version of the playground");
  const json = new TextDecoder().decode(await pipe(fromBase64Url(body.slice(TAG.length)), new DecompressionStream("deflate-raw")));
  const v = JSON.parse(json) as { c?: unknown; i?: unknown };
  if (typeof v.c !== "string" || typeof v.i !== "string") throw new Error("the link holds no config and input");
  return { config: v.c, input: v.i };
}
