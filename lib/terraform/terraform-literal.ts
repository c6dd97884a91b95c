/**
 * User strings as Terraform-JSON literals. In Terraform's JSON syntax every string is a
 * template: `${…}` interpolates and `%{…}` is a directive, so a user's `${AWS_REGION}` would fail
 * the plan ("Invalid reference") and `%{ for … }` would be silently rewritten. A literal `${` is
 * written `$${` and a literal `%{` is written `%%{`
 * (https://developer.hashicorp.com/terraform/language/expressions/strings#escape-sequences-1,
 * https://developer.hashicorp.com/terraform/language/syntax/json#expression-mapping).
 *
 * Every construct applies this exactly once, where a user's string enters it; nothing else in
 * the project escapes, so nothing is escaped twice. CDKTF's own tokens (`${TfToken[…]}`, the
 * references to other resources' attributes) are left as they are: they must stay references.
 */

/** `${` not starting a CDKTF token, or `%{`. */
const TEMPLATE_START = /\$\{(?!TfToken\[)|%\{/g;

/** `s` as a Terraform-JSON string that evaluates to exactly `s`. */
export function terraformLiteral(s: string): string;
export function terraformLiteral(s: string | undefined): string | undefined;
export function terraformLiteral(s: string | undefined): string | undefined {
  // A replacer function: in a replacement string, "$$" would itself mean one "$".
  return s === undefined ? undefined : s.replace(TEMPLATE_START, (m) => `${m[0]}${m}`);
}

/**
 * A value as JSON (an add-on's configuration_values, a chart's values), escaped once as the
 * whole encoded string: JSON.stringify leaves `$`, `%` and `{` as they are, so escaping the
 * encoded text is the same as escaping each string in it, and never twice.
 */
export function terraformJsonLiteral(value: unknown): string {
  return terraformLiteral(JSON.stringify(value));
}

/** Tags with keys and values as literals (object keys in Terraform JSON are templates too); undefined when empty. */
export function terraformLiteralTags(tags: Readonly<Record<string, string>> | undefined): Record<string, string> | undefined {
  if (tags === undefined || Object.keys(tags).length === 0) return undefined;
  return Object.fromEntries(Object.entries(tags).map(([k, v]) => [terraformLiteral(k), terraformLiteral(v)]));
}
