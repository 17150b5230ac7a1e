// One inspected string of a request and where it came from: the unit the input extractors produce and
// the detectors consume. Names count as well as values (a JSON key, a query parameter name).

/** Which part of the request. */
export type FieldKind = 'path' | 'query' | 'header' | 'cookie' | 'body';

/** The syntax the string was read from; detectors may weigh context (a JSON key, a SOAP text node). */
export type FieldSource = 'path' | 'query' | 'header' | 'cookie' | 'json' | 'form' | 'multipart' | 'xml' | 'graphql' | 'raw';

export interface InputField {
  readonly kind: FieldKind;
  readonly source: FieldSource;
  /**
   * Where, for events and exclusions: `path[2]`, `path[2..]` (the path from segment 2 on),
   * `query.id`, `header.user-agent`, `cookie.session`,
   * `body.$.user.comment` (JSON path), `body.$.items[0]`, `body.form.q`, `body.multipart.file.filename`,
   * `body.xml./Envelope/Body/name`, `body.graphql.query.search.text` (an argument),
   * `body.graphql.variables.$.id`, `body.raw`.
   * A name is located as the thing it names with `#name` appended (`query.id#name`).
   */
  readonly location: string;
  /** The parameter, header, cookie or JSON key the string belongs to, lowercased for headers; '' for raw bodies. */
  readonly name: string;
  /** True when the string is the name itself (a key, a parameter name), not a value. */
  readonly isName: boolean;
  /**
   * The string as the container delivered it: JSON strings unescaped, XML text with its entities
   * resolved, but query / path / cookie / form strings still percent-encoded (the normalisers
   * decode them, repeatedly).
   */
  readonly value: string;
  /**
   * profileOf(value) (text-profile.ts) when the extractor had it for free, from the scan that found
   * the value's end; -1 or absent when not. Saves the engine a second pass over the value.
   */
  readonly profile?: number;
}
