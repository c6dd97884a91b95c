/** A value as a message names it, in the words of YAML: "a mapping", "the string \"x\"". */
import { quote } from "./quote";

export function describeValue(v: unknown): string {
  if (v === null) return "an empty value";
  if (Array.isArray(v)) return "a list";
  switch (typeof v) {
    case "object":
      return "a mapping";
    case "string":
      return `the string ${quote(v)}`;
    case "number":
    case "boolean":
      return `${typeof v} ${String(v)}`;
    default:
      return typeof v;
  }
}
