/** A whole number outside its closed range, worded once for the tenants file and the constructs' props. */
import { describeValue } from "./describe-value";

export function wholeNumberMessage(value: unknown, min: number, max: number, unit: string): string {
  return `${typeof value === "number" ? value : describeValue(value)} is not allowed: a whole number of ${unit} from ${min} to ${max}`;
}
