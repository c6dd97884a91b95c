/**
 * The annotation IRSA reads on a service account (EKS user guide, "Configure Kubernetes service
 * accounts to assume an IAM role",
 * https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html). Apart
 * from the construct so that the live commands can name it without loading the providers.
 */
export const IRSA_ROLE_ANNOTATION = "eks.amazonaws.com/role-arn";
