/**
 * Regions that exist, and where EKS Pod Identity works, by the AWS SDK's region metadata: the
 * list generated from it (known-regions.ts, kept equal to the installed SDK by a test) answers
 * first, and the SDK itself (sdk-regions.ts) answers for a region the list lacks. sdk-regions.ts is
 * loaded only then: its SDK module costs about 70 ms of start-up, a quarter of a small synth.
 */
import { KNOWN_REGIONS, REGION_PARTITIONS } from "./known-regions";
import { quote } from "../diagnostics/quote";
import { didYouMean } from "../diagnostics/suggest";

const sdk = (): typeof import("./sdk-regions") => require("./sdk-regions") as typeof import("./sdk-regions");

export function knownRegion(region: string): boolean {
  return Object.hasOwn(REGION_PARTITIONS, region) || sdk().isKnownRegion(region);
}

/** The ARN partition of a region: `aws`, `aws-cn`, `aws-us-gov`, … */
export function regionPartition(region: string): string {
  return Object.hasOwn(REGION_PARTITIONS, region) ? REGION_PARTITIONS[region]! : sdk().partitionOf(region);
}

/** Why `region` is not a region, or undefined when the SDK knows it. */
export function unknownRegion(region: string): string | undefined {
  if (knownRegion(region)) return undefined;
  return `${quote(region)} is not an AWS region${didYouMean(region, KNOWN_REGIONS)}; use a region code such as us-east-1, as listed at https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html`;
}
