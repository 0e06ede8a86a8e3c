// The YAML reader's document tree (config time only: allocation is fine here).

export const enum NodeKind { Scalar, Map, Seq, Alias }

/** What a scalar resolves to under the YAML 1.2 core schema (as the `yaml` package reads it). */
export const enum ScalarType { Null, Bool, Number, String, MergeKey }

export class YamlNode {
  kind: NodeKind;
  /** Source offset (UTF-16 units) of the node's first character, for messages. */
  pos: i32;
  anchor: string = "";

  // Scalars
  type: ScalarType = ScalarType.String;
  /** The scalar's text after unquoting/folding (the `yaml` package's `source`). */
  text: string = "";
  num: f64 = 0;
  bool: bool = false;
  /** Under the top-level `mapping`: a number or boolean stays its source text. */
  keepSource: bool = false;

  // Collections
  keys: YamlNode[] = [];
  values: YamlNode[] = [];
  items: YamlNode[] = [];

  // Aliases
  target: YamlNode | null = null;

  // Alias accounting of the conversion (the `yaml` package's anchor data)
  count: i32 = 0;
  aliasCount: i32 = 0;
  registered: bool = false;

  constructor(kind: NodeKind, pos: i32) {
    this.kind = kind;
    this.pos = pos;
  }
}
