// sha1(bin) / sha(bin): the SHA-1 digest as a lowercase hex string.
import { digestHex } from "./digest_hex.ts";

export const fn = digestHex("sha1", "sha1", ["sha"]);
export default fn;
