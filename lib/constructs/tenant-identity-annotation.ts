/**
 * The annotation IRSA reads on a service account; apart from the construct so that the live
 * commands can name it without loading the providers.
 */
export { IRSA_ROLE_ANNOTATION } from "../config/kubernetes-metadata";
