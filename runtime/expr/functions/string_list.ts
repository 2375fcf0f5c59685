// String and binary functions beyond the core list; functions/mod.ts merges the lists.
import type { ScalarFunction } from "../function_def.ts";
import { fn as ascii } from "./ascii.ts";
import { fn as bitLength } from "./bit_length.ts";
import { fn as btrim } from "./btrim.ts";
import { fn as chr } from "./chr.ts";
import { fn as elt } from "./elt.ts";
import { fn as findInSet } from "./find_in_set.ts";
import { fn as levenshtein } from "./levenshtein.ts";
import { fn as overlay } from "./overlay.ts";
import { fn as repeat } from "./repeat.ts";
import { fn as reverse } from "./reverse.ts";
import { fn as soundex } from "./soundex.ts";
import { fn as space } from "./space.ts";
import { fn as substringIndex } from "./substring_index.ts";
import { fn as translate } from "./translate.ts";
import { fn as toChar } from "./to_char.ts";
import { fn as toNumber } from "./to_number.ts";
import { fn as tryToNumber } from "./try_to_number.ts";
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
  ascii, bitLength, chr, elt, findInSet, levenshtein, overlay, repeat, reverse, soundex, space, substringIndex, translate,
  btrim, contains, decode, encode, endswith, formatString, instr, isValidUtf8, locate, lpad, position, printf, luhnCheck, makeValidUtf8, quote, replace, rpad, splitPart,
  startswith, toBinary, toChar, toNumber, tryToBinary, tryToNumber, tryValidateUtf8, uuid, validateUtf8,
];
