// Argument check shared by hash() and xxhash64(): any types but maps (Spark's HASH_MAP_TYPE).
import { SluiceError } from "../../errors.ts";
import type { DataType } from "../../types/data_type.ts";
import type { BindContext, Bound } from "../bound.ts";

function containsMap(t: DataType): boolean {
  switch (t.kind) {
    case "map": return true;
    case "array": return containsMap(t.elementType);
    case "struct": return t.fields.some((f) => containsMap(f.dataType));
    default: return false;
  }
}

export function checkHashArgs(name: string, args: readonly Bound[], ctx: BindContext): void {
  if (args.some((a) => containsMap(a.type))) {
    throw new SluiceError(
      "DATATYPE_MISMATCH.HASH_MAP_TYPE",
      `Cannot resolve "${ctx.sql}" due to data type mismatch: Input to the function \`${name}\` cannot contain elements of the "MAP" type. In Spark, same maps may have different hashcode, thus hash expressions are prohibited on "MAP" elements. To restore previous behavior set "spark.sql.legacy.allowHashOnMapType" to "true".`,
      { sqlState: "42K09" },
    );
  }
}
