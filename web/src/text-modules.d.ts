// Example files are bundled as text (esbuild's `text` loader, scripts/build-web.mjs).
declare module "*.yaml" {
  const text: string;
  export default text;
}
declare module "*.jsonl" {
  const text: string;
  export default text;
}
