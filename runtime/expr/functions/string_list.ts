// String and binary functions beyond the core list; functions/mod.ts merges the lists.
import type { ScalarFunction } from "../function_def.ts";
import { fn as btrim } from "./btrim.ts";
import { fn as contains } from "./contains.ts";
import { fn as decode } from "./decode.ts";
import { fn as encode } from "./encode.ts";
import { fn as endswith } from "./endswith.ts";
import { fn as formatString } from "./format_string.ts";
import { fn as instr } from "./instr.ts";
import { fn as isValidUtf8 } from "./is_valid_utf8.ts";
import { fn as locate } from "./locate.ts";
import { fn as position } from "./position.ts";
import { fn as printf } from "./printf.ts";
import { fn as lpad } from "./lpad.ts";
import { fn as luhnCheck } from "./luhn_check.ts";
import { fn as makeValidUtf8 } from "./make_valid_utf8.ts";
import { fn as quote } from "./quote.ts";
import { fn as replace } from "./replace.ts";
import { fn as rpad } from "./rpad.ts";
import { fn as splitPart } from "./split_part.ts";
import { fn as startswith } from "./startswith.ts";
import { fn as toBinary } from "./to_binary.ts";
import { fn as tryToBinary } from "./try_to_binary.ts";
import { fn as tryValidateUtf8 } from "./try_validate_utf8.ts";
import { fn as uuid } from "./uuid.ts";
import { fn as validateUtf8 } from "./validate_utf8.ts";

export const stringFunctions: ScalarFunction[] = [
  btrim, contains, decode, encode, endswith, formatString, instr, isValidUtf8, locate, lpad, position, printf, luhnCheck, makeValidUtf8, quote, replace, rpad, splitPart,
  startswith, toBinary, tryToBinary, tryValidateUtf8, uuid, validateUtf8,
];
