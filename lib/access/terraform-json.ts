/**
 * Reading a synthesized stack (Terraform JSON) back: references between its blocks, and its
 * strings as the values Terraform will give them. The access review reads what synthesis
 * produced rather than recomputing it, so that it can never disagree with what is deployed.
 */

/** A stack as `TerraformStack.toTerraform()` returns it, or its cdk.tf.json parsed. */
export interface StackJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
}

/** `${aws_iam_role.x.arn}` or `${data.aws_iam_policy_document.x.json}`, taken apart. */
export interface Reference {
  readonly data: boolean;
  readonly type: string;
  readonly name: string;
  readonly attribute: string;
}

const WHOLE_REFERENCE = /^\$\{(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)\}$/;

/** The reference that makes up the whole of `value`, if it is one. */
export function referenceOf(value: unknown): Reference | undefined {
  if (typeof value !== "string") return undefined;
  const m = WHOLE_REFERENCE.exec(value);
  return m ? { data: m[1] !== undefined, type: m[2]!, name: m[3]!, attribute: m[4]! } : undefined;
}

/** The block a reference points at, if the stack has it. */
export function block(stack: StackJson, ref: Reference): Record<string, unknown> | undefined {
  return (ref.data ? stack.data : stack.resource)?.[ref.type]?.[ref.name];
}

/**
 * Every string in Terraform JSON is a template: `$${` and `%%{` stand for a literal `${` and
 * `%{`, and any other `${…}` is an interpolation
 * (https://developer.hashicorp.com/terraform/language/expressions/strings#escape-sequences-1).
 * `resolve` says what an interpolation of a reference becomes; undefined keeps it as written.
 */
export function templateValue(s: string, resolve: (ref: Reference) => string | undefined): string {
  return s.replace(/\$\$\{|%%\{|\$\{([^}]*)\}/g, (m, inner: string | undefined) => {
    if (m === "$${") return "${";
    if (m === "%%{") return "%{";
    const ref = referenceOf(`\${${inner}}`);
    return (ref && resolve(ref)) ?? m;
  });
}

/** A string attribute as Terraform will see it, or undefined when absent. */
export function literal(value: unknown, resolve: (ref: Reference) => string | undefined = () => undefined): string | undefined {
  return typeof value === "string" ? templateValue(value, resolve) : undefined;
}
