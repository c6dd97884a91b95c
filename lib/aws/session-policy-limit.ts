/**
 * How large an association's session policy may be.
 *
 * The EKS API reference gives `policy` no length constraint of its own ("Type: String",
 * https://docs.aws.amazon.com/eks/latest/APIReference/API_CreatePodIdentityAssociation.html and
 * API_UpdatePodIdentityAssociation.html). EKS applies it as an inline session policy, and for
 * inline session policies STS allows at most 2,048 characters of plaintext: "The plaintext that
 * you use for both inline and managed session policies can't exceed 2,048 characters"
 * (STS API reference, AssumeRole, Policy and PolicyArns:
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html). That is the limit
 * checked here, on the minified JSON this project writes (white space inside the document counts
 * for STS, so none is written).
 *
 * STS also packs the session policy and the session tags into a binary form with a limit of its
 * own that it does not state (PackedPolicyTooLarge); session tags are off whenever a session
 * policy is set, which is what the same STS page suggests to stay under it.
 */
export const SESSION_POLICY_LIMIT = 2048;

export const SESSION_POLICY_LIMIT_SOURCE = "https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html";
