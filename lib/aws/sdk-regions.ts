/**
 * Regions and partitions straight from the region metadata the AWS SDK for JavaScript ships
 * (`@aws-sdk/core`'s endpoint partitions, the same data the SDK resolves endpoints with), so
 * that a region opened since this file was written needs a dependency update, not an edit here.
 * ARN partitions: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 *
 * Loading the SDK module costs about 70 ms, so the rest of the project asks region-rules.ts,
 * which answers from the list generated from this (known-regions.ts) and comes here only for a
 * region the list lacks.
 */
import { partition } from "@aws-sdk/core/client";

export interface RegionInfo {
  /** The ARN partition: `aws`, `aws-cn`, `aws-us-gov`, … */
  readonly partition: string;
  /** `Israel (Tel Aviv)`; undefined for a region the SDK does not list. */
  readonly description?: string;
}

export function regionInfo(region: string): RegionInfo {
  const p = partition(region) as { name: string; description?: string };
  // Pseudo-regions such as aws-global are endpoint aliases, not places a cluster can be.
  const listed = p.description !== undefined && !region.endsWith("-global");
  return { partition: p.name, description: listed ? p.description : undefined };
}

/** The ARN partition of `region`. */
export function partitionOf(region: string): string {
  return regionInfo(region).partition;
}

export function isKnownRegion(region: string): boolean {
  return regionInfo(region).description !== undefined;
}
