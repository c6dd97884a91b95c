import { Testing } from "cdktf";
// Brings the matchers' types (toHaveResourceWithProperties & co.) into every test file.
import "cdktf/lib/testing/adapters/jest";

Testing.setupJest();
