/** One rule over a whole validated file. */
import type { Finding } from "../diagnostics/problems";
import type { Config } from "../schema/schema";

/** A check may be async: the IAM action catalogue, for one, is read on demand. */
export type Check = (config: Config) => Finding[] | Promise<Finding[]>;
