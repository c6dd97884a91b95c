/** The AWS part of a stack lives beside the plan benchmark (bench/plan/aws-part.ts), which uses it too. */
export * from "../bench/plan/aws-part";
