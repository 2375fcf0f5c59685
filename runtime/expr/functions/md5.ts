// md5(bin): the MD5 digest as a lowercase hex string.
import { digestHex } from "./digest_hex.ts";

export const fn = digestHex("md5", "md5");
export default fn;
