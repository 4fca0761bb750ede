package dev.jazero.internal.compiler;

import dev.jazero.api.TrapKind;
import dev.jazero.internal.runtime.CallTargets;
import dev.jazero.internal.runtime.Cancellation;
import dev.jazero.internal.runtime.Casts;
import dev.jazero.internal.runtime.CompiledCode;
import dev.jazero.internal.runtime.FunctionInstance;
import dev.jazero.internal.runtime.I31Pairs;
import dev.jazero.internal.runtime.Listening;
import dev.jazero.internal.runtime.MemoryInstance;
import dev.jazero.internal.runtime.TableInstance;
import dev.jazero.internal.runtime.ModuleInstance;
import dev.jazero.internal.runtime.Traps;
import dev.jazero.internal.semantics.Numerics;
import dev.jazero.internal.semantics.SimdLanes;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Every Java method and field that generated code uses, in one table: each is looked up when
 * this class initialises (see {@link JavaMethod}), so a rename or a changed signature fails there,
 * once, naming the member, before any class is generated.
 */
final class JavaMembers {

    private JavaMembers() {
    }

    // Fields
    static final JavaField INSTANCE_RESULTS = JavaField.of(ModuleInstance.class, "results");
    static final JavaField INSTANCE_TAIL_CALLEE = JavaField.of(ModuleInstance.class, "tailCallee");
    static final JavaField INSTANCE_TAIL_STACK = JavaField.of(ModuleInstance.class, "tailStack");
    static final JavaField INSTANCE_REF_RESULTS = JavaField.of(ModuleInstance.class, "refResults");
    static final JavaField INSTANCE_TAIL_REFS = JavaField.of(ModuleInstance.class, "tailRefs");
    static final JavaField INSTANCE_MEMORY0 = JavaField.of(ModuleInstance.class, "memory0");
    static final JavaField INSTANCE_MEMORIES = JavaField.of(ModuleInstance.class, "memories");
    static final JavaField FUNCTION_HANDLE = JavaField.of(FunctionInstance.class, "handle");
    static final JavaField FUNCTION_MODULE = JavaField.of(FunctionInstance.class, "module");
    static final JavaField TRAP_UNREACHABLE = JavaField.of(TrapKind.class, "UNREACHABLE");

    // Bootstrap methods: calls between a module's classes, and cancellation checks
    static final JavaMethod LINKER_BOOTSTRAP = JavaMethod.of(Linker.class, "bootstrap", MethodHandles.Lookup.class,
            String.class, MethodType.class, int.class);
    static final JavaMethod CANCELLATION_BOOTSTRAP = JavaMethod.of(CancellationPoint.class, "bootstrap",
            MethodHandles.Lookup.class, String.class, MethodType.class);

    // The runtime
    /** Implemented by each generated class: the entry from the engine's stack convention. */
    static final JavaMethod COMPILED_CODE_CALL = JavaMethod.of(CompiledCode.class, "call", int.class, long[].class, Object[].class,
            ModuleInstance.class);
    static final JavaMethod COMPILED_CODE_CALL_AS_TAIL = JavaMethod.of(CompiledCode.class, "callAsTail", int.class, long[].class,
            Object[].class, ModuleInstance.class);
    static final JavaMethod FINISH_TAIL_CALLS = JavaMethod.of(CompiledSupport.class, "finishTailCalls", ModuleInstance.class,
            FunctionInstance.class);
    static final JavaMethod REFERENCED_FUNCTION = JavaMethod.of(CallTargets.class, "referenced", Object.class);
    static final JavaMethod REF_TEST = JavaMethod.of(Casts.class, "test", Object.class, int.class, boolean.class,
            ModuleInstance.class);
    static final JavaMethod REF_CAST = JavaMethod.of(Casts.class, "cast", Object.class, int.class, boolean.class,
            ModuleInstance.class);
    static final JavaMethod REF_EQ = JavaMethod.of(CompiledSupport.class, "refEq", Object.class, int.class, Object.class,
            int.class);
    static final JavaMethod IS_NULL = JavaMethod.of(CompiledSupport.class, "isNull", Object.class);
    static final JavaMethod AS_NON_NULL = JavaMethod.of(CompiledSupport.class, "asNonNull", Object.class);
    static final JavaMethod REF_FUNC = JavaMethod.of(CompiledSupport.class, "refFunc", ModuleInstance.class, int.class);
    static final JavaMethod I31_VALUE = JavaMethod.of(I31Pairs.class, "value", int.class);
    static final JavaField I31_TAG = JavaField.of(I31Pairs.class, "TAG");
    static final JavaMethod I31_GET = JavaMethod.of(Casts.class, "i31Value", Object.class, int.class, boolean.class);
    static final JavaMethod I31_BOX = JavaMethod.of(I31Pairs.class, "box", Object.class, long.class);
    static final JavaMethod I31_UNBOX_REF = JavaMethod.of(I31Pairs.class, "unboxRef", Object.class);
    static final JavaMethod I31_UNBOX_VALUE = JavaMethod.of(I31Pairs.class, "unboxValue", Object.class);
    static final JavaMethod GLOBAL_GET_REF = JavaMethod.of(CompiledSupport.class, "globalGetRef", ModuleInstance.class, int.class);
    static final JavaMethod GLOBAL_SET_REF = JavaMethod.of(CompiledSupport.class, "globalSetRef", Object.class, ModuleInstance.class,
            int.class);
    static final JavaMethod TABLE_GET = JavaMethod.of(CompiledSupport.class, "tableGet", int.class, ModuleInstance.class, int.class);
    static final JavaMethod TABLE_SET = JavaMethod.of(CompiledSupport.class, "tableSet", int.class, Object.class, ModuleInstance.class,
            int.class);
    static final JavaMethod TABLE_GROW = JavaMethod.of(CompiledSupport.class, "tableGrow", Object.class, int.class, ModuleInstance.class,
            int.class);
    static final JavaMethod TABLE_FILL = JavaMethod.of(CompiledSupport.class, "tableFill", int.class, Object.class, int.class,
            ModuleInstance.class, int.class);
    static final JavaMethod LEAVE_TAIL_CALL = JavaMethod.of(CompiledSupport.class, "leaveTailCall", FunctionInstance.class,
            ModuleInstance.class);
    static final JavaMethod TRAP = JavaMethod.of(Traps.class, "trap", TrapKind.class);
    static final JavaMethod AFTER_HOST_CALL = JavaMethod.of(Cancellation.class, "afterHostCall", ModuleInstance.class);
    static final JavaMethod BEFORE_COMPILED = JavaMethod.of(Listening.class, "beforeCompiled", long[].class, ModuleInstance.class, int.class);
    static final JavaMethod AFTER_COMPILED = JavaMethod.of(Listening.class, "afterCompiled", long[].class, ModuleInstance.class, int.class);
    static final JavaMethod ABORT_COMPILED = JavaMethod.of(Listening.class, "abortCompiled", Throwable.class, ModuleInstance.class, int.class);

    // Conditions: an int test as 0 or 1, without a jump in the caller
    static final JavaMethod EQZ = JavaMethod.of(Conditions.class, "eqz", int.class);
    static final JavaMethod NEZ = JavaMethod.of(Conditions.class, "nez", int.class);
    static final JavaMethod LTZ = JavaMethod.of(Conditions.class, "ltz", int.class);
    static final JavaMethod GTZ = JavaMethod.of(Conditions.class, "gtz", int.class);
    static final JavaMethod LEZ = JavaMethod.of(Conditions.class, "lez", int.class);
    static final JavaMethod GEZ = JavaMethod.of(Conditions.class, "gez", int.class);
    static final JavaMethod EQ = JavaMethod.of(Conditions.class, "eq", int.class, int.class);
    static final JavaMethod NE = JavaMethod.of(Conditions.class, "ne", int.class, int.class);
    static final JavaMethod LT = JavaMethod.of(Conditions.class, "lt", int.class, int.class);
    static final JavaMethod GT = JavaMethod.of(Conditions.class, "gt", int.class, int.class);
    static final JavaMethod LE = JavaMethod.of(Conditions.class, "le", int.class, int.class);
    static final JavaMethod GE = JavaMethod.of(Conditions.class, "ge", int.class, int.class);

    // CompiledSupport: what compiled code does through its instance
    static final JavaMethod PUT = JavaMethod.of(CompiledSupport.class, "put", long.class, long[].class, int.class);
    static final JavaMethod PUT_REF = JavaMethod.of(CompiledSupport.class, "putRef", Object.class, Object[].class, int.class);
    static final JavaMethod SPLIT_TAKE = JavaMethod.of(SplitFrames.class, "take", ModuleInstance.class, int.class, int.class);
    static final JavaMethod SPLIT_GIVE = JavaMethod.of(SplitFrames.class, "give", ModuleInstance.class, int.class, long[].class);
    static final JavaMethod SPLIT_TAKE_REFERENCES = JavaMethod.of(SplitFrames.class, "takeReferences", ModuleInstance.class,
            int.class, int.class);
    static final JavaMethod SPLIT_GIVE_REFERENCES = JavaMethod.of(SplitFrames.class, "giveReferences", ModuleInstance.class,
            int.class, Object[].class);
    static final JavaMethod GLOBAL_GET = JavaMethod.of(CompiledSupport.class, "globalGet", ModuleInstance.class, int.class);
    static final JavaMethod GLOBAL_GET_HIGH = JavaMethod.of(CompiledSupport.class, "globalGetHigh", ModuleInstance.class, int.class);
    static final JavaMethod GLOBAL_SET_V128 = JavaMethod.of(CompiledSupport.class, "globalSetV128", long.class, long.class, ModuleInstance.class, int.class);
    static final JavaMethod GLOBAL_SET = JavaMethod.of(CompiledSupport.class, "globalSet", long.class, ModuleInstance.class, int.class);
    static final JavaMethod MEMORY_SIZE = JavaMethod.of(CompiledSupport.class, "memorySize", ModuleInstance.class, int.class);
    static final JavaMethod MEMORY_GROW = JavaMethod.of(CompiledSupport.class, "memoryGrow", long.class, ModuleInstance.class,
            int.class);
    static final JavaMethod SUPPORT_FUNCTION = JavaMethod.of(CompiledSupport.class, "function", ModuleInstance.class, int.class);
    static final JavaMethod SUPPORT_INDIRECT = JavaMethod.of(CallTargets.class, "indirect", ModuleInstance.class, int.class, int.class, int.class);
    static final JavaMethod SUPPORT_INVOKE = JavaMethod.of(CompiledSupport.class, "invoke", FunctionInstance.class, long[].class, Object[].class,
            ModuleInstance.class);
    static final JavaMethod MEMORY_INIT = JavaMethod.of(CompiledSupport.class, "memoryInit", long.class, int.class, int.class,
            ModuleInstance.class, int.class, int.class);
    static final JavaMethod DATA_DROP = JavaMethod.of(CompiledSupport.class, "dataDrop", ModuleInstance.class, int.class);
    static final JavaMethod MEMORY_COPY = JavaMethod.of(CompiledSupport.class, "memoryCopy", long.class, long.class, long.class,
            ModuleInstance.class, int.class, int.class);
    static final JavaMethod MEMORY_FILL = JavaMethod.of(CompiledSupport.class, "memoryFill", long.class, int.class, long.class,
            ModuleInstance.class, int.class);
    static final JavaMethod TABLE_INIT = JavaMethod.of(CompiledSupport.class, "tableInit", int.class, int.class, int.class, ModuleInstance.class, int.class, int.class);
    static final JavaMethod ELEM_DROP = JavaMethod.of(CompiledSupport.class, "elemDrop", ModuleInstance.class, int.class);
    static final JavaMethod TABLE_COPY = JavaMethod.of(CompiledSupport.class, "tableCopy", int.class, int.class, int.class, ModuleInstance.class, int.class, int.class);
    static final JavaMethod TABLE_SIZE = JavaMethod.of(CompiledSupport.class, "tableSize", ModuleInstance.class, int.class);
    static final JavaMethod TABLE_INDEX = JavaMethod.of(TableInstance.class, "index", long.class);
    static final JavaMethod FABS = JavaMethod.of(CompiledSupport.class, "fabs", float.class);
    static final JavaMethod FNEG = JavaMethod.of(CompiledSupport.class, "fneg", float.class);
    static final JavaMethod FSQRT = JavaMethod.of(CompiledSupport.class, "fsqrt", float.class);
    static final JavaMethod FCOPYSIGN = JavaMethod.of(CompiledSupport.class, "fcopysign", float.class, float.class);
    static final JavaMethod DABS = JavaMethod.of(CompiledSupport.class, "dabs", double.class);
    static final JavaMethod DNEG = JavaMethod.of(CompiledSupport.class, "dneg", double.class);
    static final JavaMethod DCOPYSIGN = JavaMethod.of(CompiledSupport.class, "dcopysign", double.class, double.class);

    // Numerics: what both tiers run for numeric instructions
    static final JavaMethod CANONICAL_F = JavaMethod.of(Numerics.class, "canonical", float.class);
    static final JavaMethod CANONICAL_D = JavaMethod.of(Numerics.class, "canonical", double.class);
    static final JavaMethod CANONICAL_F32_LANES = JavaMethod.of(Numerics.class, "canonicalF32Lanes", long.class);
    static final JavaMethod CANONICAL_F64_BITS = JavaMethod.of(Numerics.class, "canonicalF64", long.class);
    static final JavaMethod I32_DIV_S = JavaMethod.of(Numerics.class, "i32DivS", int.class, int.class);
    static final JavaMethod I32_DIV_U = JavaMethod.of(Numerics.class, "i32DivU", int.class, int.class);
    static final JavaMethod I32_REM_S = JavaMethod.of(Numerics.class, "i32RemS", int.class, int.class);
    static final JavaMethod I32_REM_U = JavaMethod.of(Numerics.class, "i32RemU", int.class, int.class);
    static final JavaMethod I64_DIV_S = JavaMethod.of(Numerics.class, "i64DivS", long.class, long.class);
    static final JavaMethod I64_DIV_U = JavaMethod.of(Numerics.class, "i64DivU", long.class, long.class);
    static final JavaMethod I64_REM_S = JavaMethod.of(Numerics.class, "i64RemS", long.class, long.class);
    static final JavaMethod I64_REM_U = JavaMethod.of(Numerics.class, "i64RemU", long.class, long.class);
    static final JavaMethod CEIL_F = JavaMethod.of(Numerics.class, "ceil", float.class);
    static final JavaMethod FLOOR_F = JavaMethod.of(Numerics.class, "floor", float.class);
    static final JavaMethod TRUNC_F = JavaMethod.of(Numerics.class, "trunc", float.class);
    static final JavaMethod NEAREST_F = JavaMethod.of(Numerics.class, "nearest", float.class);
    static final JavaMethod FMIN_F = JavaMethod.of(Numerics.class, "fmin", float.class, float.class);
    static final JavaMethod FMAX_F = JavaMethod.of(Numerics.class, "fmax", float.class, float.class);
    static final JavaMethod CEIL_D = JavaMethod.of(Numerics.class, "ceil", double.class);
    static final JavaMethod FLOOR_D = JavaMethod.of(Numerics.class, "floor", double.class);
    static final JavaMethod TRUNC_D = JavaMethod.of(Numerics.class, "trunc", double.class);
    static final JavaMethod NEAREST_D = JavaMethod.of(Numerics.class, "nearest", double.class);
    static final JavaMethod FMIN_D = JavaMethod.of(Numerics.class, "fmin", double.class, double.class);
    static final JavaMethod FMAX_D = JavaMethod.of(Numerics.class, "fmax", double.class, double.class);
    static final JavaMethod I32_TRUNC_F32_S = JavaMethod.of(Numerics.class, "i32TruncF32S", float.class);
    static final JavaMethod I32_TRUNC_F32_U = JavaMethod.of(Numerics.class, "i32TruncF32U", float.class);
    static final JavaMethod I32_TRUNC_F64_S = JavaMethod.of(Numerics.class, "i32TruncF64S", double.class);
    static final JavaMethod I32_TRUNC_F64_U = JavaMethod.of(Numerics.class, "i32TruncF64U", double.class);
    static final JavaMethod I64_TRUNC_F32_S = JavaMethod.of(Numerics.class, "i64TruncF32S", float.class);
    static final JavaMethod I64_TRUNC_F32_U = JavaMethod.of(Numerics.class, "i64TruncF32U", float.class);
    static final JavaMethod I64_TRUNC_F64_S = JavaMethod.of(Numerics.class, "i64TruncF64S", double.class);
    static final JavaMethod I64_TRUNC_F64_U = JavaMethod.of(Numerics.class, "i64TruncF64U", double.class);
    static final JavaMethod F32_CONVERT_I64_U = JavaMethod.of(Numerics.class, "f32ConvertI64U", long.class);
    static final JavaMethod F64_CONVERT_I64_U = JavaMethod.of(Numerics.class, "f64ConvertI64U", long.class);
    static final JavaMethod I32_TRUNC_SAT_F32_U = JavaMethod.of(Numerics.class, "i32TruncSatF32U", float.class);
    static final JavaMethod I32_TRUNC_SAT_F64_U = JavaMethod.of(Numerics.class, "i32TruncSatF64U", double.class);
    static final JavaMethod I64_TRUNC_SAT_F32_U = JavaMethod.of(Numerics.class, "i64TruncSatF32U", float.class);
    static final JavaMethod I64_TRUNC_SAT_F64_U = JavaMethod.of(Numerics.class, "i64TruncSatF64U", double.class);

    // MemoryInstance: a 32-bit memory's loads and stores; the scalar ones static, (address[, value],
    // memory, offset), the v128 ones on the memory, (address, offset[, low, high])
    static final JavaMethod LOAD_I32 = JavaMethod.of(MemoryInstance.class, "loadI32", int.class, MemoryInstance.class, int.class);
    static final JavaMethod LOAD_I64 = JavaMethod.of(MemoryInstance.class, "loadI64", int.class, MemoryInstance.class, int.class);
    static final JavaMethod LOAD_I8 = JavaMethod.of(MemoryInstance.class, "loadI8", int.class, MemoryInstance.class, int.class);
    static final JavaMethod LOAD_U8 = JavaMethod.of(MemoryInstance.class, "loadU8", int.class, MemoryInstance.class, int.class);
    static final JavaMethod LOAD_I16 = JavaMethod.of(MemoryInstance.class, "loadI16", int.class, MemoryInstance.class, int.class);
    static final JavaMethod LOAD_U16 = JavaMethod.of(MemoryInstance.class, "loadU16", int.class, MemoryInstance.class, int.class);
    static final JavaMethod LOAD_V128_LOW = JavaMethod.of(MemoryInstance.class, "loadV128Low", int.class, int.class);
    static final JavaMethod LOAD_V128_HIGH = JavaMethod.of(MemoryInstance.class, "loadV128High", int.class, int.class);
    static final JavaMethod STORE_I32 = JavaMethod.of(MemoryInstance.class, "storeI32", int.class, int.class, MemoryInstance.class, int.class);
    static final JavaMethod STORE_I64 = JavaMethod.of(MemoryInstance.class, "storeI64", int.class, long.class, MemoryInstance.class, int.class);
    static final JavaMethod STORE_I8 = JavaMethod.of(MemoryInstance.class, "storeI8", int.class, int.class, MemoryInstance.class, int.class);
    static final JavaMethod STORE_I16 = JavaMethod.of(MemoryInstance.class, "storeI16", int.class, int.class, MemoryInstance.class, int.class);
    static final JavaMethod STORE_V128 = JavaMethod.of(MemoryInstance.class, "storeV128", int.class, int.class, long.class, long.class);

    // MemoryInstance: a 64-bit memory's loads and stores, (address, offset[, value]) with long ones
    static final JavaMethod LOAD64_I32 = JavaMethod.of(MemoryInstance.class, "loadI32", long.class, long.class);
    static final JavaMethod LOAD64_I64 = JavaMethod.of(MemoryInstance.class, "loadI64", long.class, long.class);
    static final JavaMethod LOAD64_I8 = JavaMethod.of(MemoryInstance.class, "loadI8", long.class, long.class);
    static final JavaMethod LOAD64_U8 = JavaMethod.of(MemoryInstance.class, "loadU8", long.class, long.class);
    static final JavaMethod LOAD64_I16 = JavaMethod.of(MemoryInstance.class, "loadI16", long.class, long.class);
    static final JavaMethod LOAD64_U16 = JavaMethod.of(MemoryInstance.class, "loadU16", long.class, long.class);
    static final JavaMethod LOAD64_V128_LOW = JavaMethod.of(MemoryInstance.class, "loadV128Low", long.class, long.class);
    static final JavaMethod LOAD64_V128_HIGH = JavaMethod.of(MemoryInstance.class, "loadV128High", long.class, long.class);
    static final JavaMethod STORE64_I32 = JavaMethod.of(MemoryInstance.class, "storeI32", long.class, long.class, int.class);
    static final JavaMethod STORE64_I64 = JavaMethod.of(MemoryInstance.class, "storeI64", long.class, long.class, long.class);
    static final JavaMethod STORE64_I8 = JavaMethod.of(MemoryInstance.class, "storeI8", long.class, long.class, int.class);
    static final JavaMethod STORE64_I16 = JavaMethod.of(MemoryInstance.class, "storeI16", long.class, long.class, int.class);
    static final JavaMethod STORE64_V128 = JavaMethod.of(MemoryInstance.class, "storeV128", long.class, long.class, long.class, long.class);

    // SimdLanes: what both tiers run for SIMD instructions, per half of a v128
    static final JavaMethod SIMD_ADD_OR_SUBTRACT = JavaMethod.of(SimdLanes.class, "addOrSubtract", int.class, long.class, long.class);
    static final JavaMethod SIMD_LANES8 = JavaMethod.of(SimdLanes.class, "lanes8", int.class, long.class, long.class);
    static final JavaMethod SIMD_LANES16 = JavaMethod.of(SimdLanes.class, "lanes16", int.class, long.class, long.class);
    static final JavaMethod SIMD_LANES32 = JavaMethod.of(SimdLanes.class, "lanes32", int.class, long.class, long.class);
    static final JavaMethod SIMD_OP64 = JavaMethod.of(SimdLanes.class, "op64", int.class, long.class, long.class);
    static final JavaMethod SIMD_SHIFT = JavaMethod.of(SimdLanes.class, "shift", int.class, long.class, int.class);
    static final JavaMethod SIMD_TEST = JavaMethod.of(SimdLanes.class, "test", int.class, long.class, long.class);
    static final JavaMethod SIMD_EXTEND = JavaMethod.of(SimdLanes.class, "extend", int.class, long.class, long.class, boolean.class);
    static final JavaMethod SIMD_CONVERT = JavaMethod.of(SimdLanes.class, "convert", int.class, long.class, long.class, boolean.class);
    static final JavaMethod SIMD_EXTENDED_MULTIPLY = JavaMethod.of(SimdLanes.class, "extendedMultiply", int.class, long.class, long.class, long.class, long.class, boolean.class);
    static final JavaMethod SIMD_NARROW = JavaMethod.of(SimdLanes.class, "narrow", int.class, long.class, long.class);
    static final JavaMethod SIMD_RELAXED = JavaMethod.of(SimdLanes.class, "relaxed", int.class, long.class, long.class, long.class);
    static final JavaMethod SIMD_BITSELECT = JavaMethod.of(SimdLanes.class, "bitselect", long.class, long.class, long.class);
    static final JavaMethod SIMD_SHUFFLE = JavaMethod.of(SimdLanes.class, "shuffle", long.class, long.class, long.class, long.class, long.class);
    static final JavaMethod SIMD_SWIZZLE = JavaMethod.of(SimdLanes.class, "swizzle", long.class, long.class, long.class);
    static final JavaMethod SIMD_SPLAT = JavaMethod.of(SimdLanes.class, "splat", int.class, long.class);
    static final JavaMethod SIMD_EXTRACT_LANE = JavaMethod.of(SimdLanes.class, "extractLane", int.class, int.class, long.class, long.class);
    static final JavaMethod SIMD_REPLACE_LANE = JavaMethod.of(SimdLanes.class, "replaceLane", int.class, int.class, long.class, boolean.class, long.class);
    static final JavaMethod SIMD_LOAD_EXTEND = JavaMethod.of(SimdLanes.class, "loadExtend", int.class, long.class, boolean.class);
    static final JavaMethod SIMD_LOAD_SPLAT = JavaMethod.of(SimdLanes.class, "loadSplat", int.class, MemoryInstance.class, long.class, long.class);
    static final JavaMethod SIMD_LOAD_ZERO = JavaMethod.of(SimdLanes.class, "loadZero", int.class, MemoryInstance.class, long.class, long.class);
    static final JavaMethod SIMD_LOAD_LANE = JavaMethod.of(SimdLanes.class, "loadLane", int.class, MemoryInstance.class, long.class, long.class);
    static final JavaMethod SIMD_STORE_LANE = JavaMethod.of(SimdLanes.class, "storeLane", int.class, int.class, MemoryInstance.class, long.class, long.class, long.class, long.class);

    // The JDK
    static final JavaMethod INT_BITS_TO_FLOAT = JavaMethod.of(Float.class, "intBitsToFloat", int.class);
    static final JavaMethod FLOAT_TO_RAW_INT_BITS = JavaMethod.of(Float.class, "floatToRawIntBits", float.class);
    static final JavaMethod LONG_BITS_TO_DOUBLE = JavaMethod.of(Double.class, "longBitsToDouble", long.class);
    static final JavaMethod DOUBLE_TO_RAW_LONG_BITS = JavaMethod.of(Double.class, "doubleToRawLongBits", double.class);
    static final JavaMethod INTEGER_NUMBER_OF_LEADING_ZEROS = JavaMethod.of(Integer.class, "numberOfLeadingZeros", int.class);
    static final JavaMethod INTEGER_NUMBER_OF_TRAILING_ZEROS = JavaMethod.of(Integer.class, "numberOfTrailingZeros", int.class);
    static final JavaMethod INTEGER_BIT_COUNT = JavaMethod.of(Integer.class, "bitCount", int.class);
    static final JavaMethod INTEGER_ROTATE_LEFT = JavaMethod.of(Integer.class, "rotateLeft", int.class, int.class);
    static final JavaMethod INTEGER_ROTATE_RIGHT = JavaMethod.of(Integer.class, "rotateRight", int.class, int.class);
    static final JavaMethod LONG_NUMBER_OF_LEADING_ZEROS = JavaMethod.of(Long.class, "numberOfLeadingZeros", long.class);
    static final JavaMethod LONG_NUMBER_OF_TRAILING_ZEROS = JavaMethod.of(Long.class, "numberOfTrailingZeros", long.class);
    static final JavaMethod LONG_BIT_COUNT = JavaMethod.of(Long.class, "bitCount", long.class);
    static final JavaMethod LONG_ROTATE_LEFT = JavaMethod.of(Long.class, "rotateLeft", long.class, int.class);
    static final JavaMethod LONG_ROTATE_RIGHT = JavaMethod.of(Long.class, "rotateRight", long.class, int.class);
    static final JavaMethod MATH_SQRT = JavaMethod.of(Math.class, "sqrt", double.class);
    static final JavaMethod SYSTEM_ARRAYCOPY = JavaMethod.of(System.class, "arraycopy", Object.class, int.class, Object.class, int.class, int.class);

    // Garbage collection: the fields of structs of the code's own classes are read in generated
    // code, the rest is in GcSupport
    static final JavaField INSTANCE_GC_TYPES = JavaField.of(ModuleInstance.class, "gcTypes");
    static final JavaMethod STRUCT_GET = JavaMethod.of(GcSupport.class, "structGet", Object.class, int.class);
    static final JavaMethod STRUCT_GET_REF = JavaMethod.of(GcSupport.class, "structGetRef", Object.class, int.class);
    static final JavaMethod STRUCT_SET = JavaMethod.of(GcSupport.class, "structSet", Object.class, int.class, long.class);
    static final JavaMethod STRUCT_SET_REF = JavaMethod.of(GcSupport.class, "structSetRef", Object.class, int.class,
            Object.class);
    static final JavaMethod STRUCT_NEW = JavaMethod.of(GcSupport.class, "newStruct", ModuleInstance.class, int.class);
    static final JavaMethod ARRAY_NEW_DEFAULT = JavaMethod.of(GcSupport.class, "newArray", int.class, ModuleInstance.class,
            int.class);
    static final JavaMethod ARRAY_NEW = JavaMethod.of(GcSupport.class, "newArrayFilled", long.class, long.class,
            Object.class, int.class, ModuleInstance.class, int.class);
    static final JavaMethod ARRAY_NEW_DATA = JavaMethod.of(GcSupport.class, "newArrayData", int.class, int.class,
            ModuleInstance.class, int.class, int.class);
    static final JavaMethod ARRAY_NEW_ELEM = JavaMethod.of(GcSupport.class, "newArrayElem", int.class, int.class,
            ModuleInstance.class, int.class, int.class);
    static final JavaMethod ARRAY_GET_BYTE = JavaMethod.of(GcSupport.class, "getByte", Object.class, int.class, boolean.class);
    static final JavaMethod ARRAY_GET_SHORT = JavaMethod.of(GcSupport.class, "getShort", Object.class, int.class, boolean.class);
    static final JavaMethod ARRAY_GET_INT = JavaMethod.of(GcSupport.class, "getInt", Object.class, int.class);
    static final JavaMethod ARRAY_GET_LONG = JavaMethod.of(GcSupport.class, "getLong", Object.class, int.class);
    static final JavaMethod ARRAY_GET_REF = JavaMethod.of(GcSupport.class, "getRef", Object.class, int.class);
    static final JavaMethod ARRAY_GET_LOW = JavaMethod.of(GcSupport.class, "getLow", Object.class, int.class);
    static final JavaMethod ARRAY_GET_HIGH = JavaMethod.of(GcSupport.class, "getHigh", Object.class, int.class);
    static final JavaMethod ARRAY_SET_BYTE = JavaMethod.of(GcSupport.class, "setByte", Object.class, int.class, int.class);
    static final JavaMethod ARRAY_SET_SHORT = JavaMethod.of(GcSupport.class, "setShort", Object.class, int.class, int.class);
    static final JavaMethod ARRAY_SET_INT = JavaMethod.of(GcSupport.class, "setInt", Object.class, int.class, int.class);
    static final JavaMethod ARRAY_SET_LONG = JavaMethod.of(GcSupport.class, "setLong", Object.class, int.class, long.class);
    static final JavaMethod ARRAY_SET_PAIR = JavaMethod.of(GcSupport.class, "setPair", Object.class, int.class, Object.class,
            int.class);
    static final JavaMethod ARRAY_SET_V128 = JavaMethod.of(GcSupport.class, "setV128", Object.class, int.class, long.class,
            long.class);
    static final JavaMethod ARRAY_LEN = JavaMethod.of(GcSupport.class, "length", Object.class);
    static final JavaMethod ARRAY_FILL = JavaMethod.of(GcSupport.class, "fill", Object.class, int.class, long.class,
            long.class, Object.class, int.class, ModuleInstance.class);
    static final JavaMethod ARRAY_COPY = JavaMethod.of(GcSupport.class, "copy", Object.class, int.class, Object.class,
            int.class, int.class, ModuleInstance.class);
    static final JavaMethod ARRAY_INIT_DATA = JavaMethod.of(GcSupport.class, "initData", Object.class, int.class, int.class,
            int.class, ModuleInstance.class, int.class);
    static final JavaMethod ARRAY_INIT_ELEM = JavaMethod.of(GcSupport.class, "initElem", Object.class, int.class, int.class,
            int.class, ModuleInstance.class, int.class);

    // Exceptions
    static final JavaMethod EXCEPTION = JavaMethod.of(CompiledSupport.class, "exception", long[].class, Object[].class,
            ModuleInstance.class, int.class);
    static final JavaMethod RETHROWN = JavaMethod.of(CompiledSupport.class, "rethrown", Object.class);
    static final JavaMethod HAS_TAG = JavaMethod.of(CompiledSupport.class, "hasTag", dev.jazero.api.ThrownException.class,
            ModuleInstance.class, int.class);
    static final JavaMethod EXCEPTION_PUSH = JavaMethod.of(dev.jazero.internal.runtime.Exceptions.class, "push",
            dev.jazero.api.ThrownException.class, long[].class, Object[].class, int.class);
}
