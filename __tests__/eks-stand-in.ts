/** The EKS stand-in lives beside the plan benchmark (bench/plan/eks-stand-in.ts), which uses it too. */
export * from "../bench/plan/eks-stand-in";
