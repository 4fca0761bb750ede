package dev.jazero.internal.wasm;

import java.util.ArrayList;
import java.util.List;

/**
 * A decoded module. The lists hold what each section declares; the {@code all*} views add the
 * imports in front, giving the index spaces that instructions refer to.
 */
public final class WasmModule {

    public final List<DefinedType> types = new ArrayList<>();
    public final List<Import> imports = new ArrayList<>();
    /** Type index of each defined function, from the function section. */
    public int[] functionTypeIndices = new int[0];
    public final List<Table> tables = new ArrayList<>();
    public final List<MemoryType> memories = new ArrayList<>();
    public final List<Global> globals = new ArrayList<>();
    /** The type index of each defined tag, from the tag section. */
    public final List<Integer> tags = new ArrayList<>();
    public final List<Export> exports = new ArrayList<>();
    public int startFunction = -1;
    public final List<ElementSegment> elements = new ArrayList<>();
    /** From the data count section, or -1 when there is none. */
    public int dataCount = -1;
    public final List<FunctionCode> codes = new ArrayList<>();
    public final List<DataSegment> datas = new ArrayList<>();
    public final List<CustomSectionData> customSections = new ArrayList<>();
    public final NameSection names = new NameSection();
    /** Where the code section's contents start in the module's bytes (DWARF's address 0), or -1. */
    public int codeSectionStart = -1;
    /** Source lines from the DWARF sections, when kept and present; else null. */
    public dev.jazero.internal.dwarf.DwarfLines dwarfLines;
    /** The binary format's rules that the module's code is read by. */
    public Encoding encoding = Encoding.V2;
    /** For a module compiled from the text format, where each instruction is in the text; else null. */
    public SourceLines textPositions;

    /** Where instructions come from: the text, else the DWARF line tables; null when neither is known. */
    public SourceLines sourceLines() {
        if (textPositions != null) {
            return textPositions;
        }
        dev.jazero.internal.dwarf.DwarfLines lines = dwarfLines;
        return lines == null ? null : lines::sourceLines;
    }

    // The index spaces, imports first; filled by finishIndexSpaces().
    private int importedFunctionCount;
    private int[] allFunctionTypeIndices = new int[0];
    private volatile LocalTypes localTypes;
    private final List<TableType> allTables = new ArrayList<>();
    private final List<MemoryType> allMemories = new ArrayList<>();
    private final List<GlobalType> allGlobals = new ArrayList<>();
    private int importedGlobalCount;
    private int importedTagCount;

    /** Computes the index spaces from the imports and definitions; call once after decoding. */
    public void finishIndexSpaces() {
        int functions = 0;
        allTables.clear();
        allMemories.clear();
        allGlobals.clear();
        importedTagCount = 0;
        int[] importTypes = new int[imports.size()];
        for (Import imp : imports) {
            switch (imp.kind()) {
                case FUNC -> importTypes[functions++] = imp.typeIndex();
                case TABLE -> allTables.add(imp.table());
                case MEMORY -> allMemories.add(imp.memory());
                case GLOBAL -> allGlobals.add(imp.global());
                case TAG -> importedTagCount++;
            }
        }

        importedFunctionCount = functions;
        importedGlobalCount = allGlobals.size();
        allFunctionTypeIndices = new int[functions + functionTypeIndices.length];
        System.arraycopy(importTypes, 0, allFunctionTypeIndices, 0, functions);
        System.arraycopy(functionTypeIndices, 0, allFunctionTypeIndices, functions, functionTypeIndices.length);
        for (Table t : tables) {
            allTables.add(t.type());
        }
        allMemories.addAll(memories);
        for (Global g : globals) {
            allGlobals.add(g.type());
        }
    }

    public int importedFunctionCount() {
        return importedFunctionCount;
    }

    public int importedGlobalCount() {
        return importedGlobalCount;
    }

    public int importedTagCount() {
        return importedTagCount;
    }

    /** The number of tags, imported and defined. */
    public int tagCount() {
        return importedTagCount + tags.size();
    }

    /** The type index of a tag of the tag index space, which is below {@link #tagCount()}. */
    public int tagTypeIndex(int tag) {
        if (tag >= importedTagCount) {
            return tags.get(tag - importedTagCount);
        }
        int i = 0;
        for (Import imp : imports) {
            if (imp.kind() == ExternKind.TAG && i++ == tag) {
                return imp.typeIndex();
            }
        }
        throw new IndexOutOfBoundsException("tag " + tag);
    }



    /** Returns the number of functions, imported and defined. */
    public int functionCount() {
        return allFunctionTypeIndices.length;
    }

    /** Returns the type index of a function of the function index space. */
    public int functionTypeIndex(int functionIndex) {
        return allFunctionTypeIndices[functionIndex];
    }

    /**
     * The module's types numbered so that equivalent types have one number
     * ({@link CanonicalTypes}), by index; made on first use, once the types are valid.
     */
    public int[] typeClasses() {
        return localTypes().ids();
    }

    /** The registry of {@link #typeClasses()}, which knows their supertypes. */
    public CanonicalTypes typeRegistry() {
        return localTypes().registry();
    }

    /** A registry of the module's own, and its numbers, made together and published together. */
    private record LocalTypes(CanonicalTypes registry, int[] ids) {
    }

    private LocalTypes localTypes() {
        LocalTypes l = localTypes;
        if (l == null) {
            CanonicalTypes registry = new CanonicalTypes();
            l = new LocalTypes(registry, registry.ids(this));
            localTypes = l;
        }
        return l;
    }

    /** Returns the type of a function of the function index space. */
    public FuncType functionType(int functionIndex) {
        return funcType(allFunctionTypeIndices[functionIndex]);
    }

    /** Whether type {@code index} is a type of this module and a function type. */
    public boolean isFuncType(long index) {
        return index >= 0 && index < types.size() && types.get((int) index).composite() instanceof FuncType;
    }

    /** The function type of index {@code index}, which validation made sure is one. */
    public FuncType funcType(int index) {
        if (types.get(index).composite() instanceof FuncType f) {
            return f;
        }
        throw new IllegalStateException("type " + index + " is not a function type");
    }

    /**
     * The type of a block whose block type immediate (an s33) is {@code blockType}: no values
     * (-64), one result (a value type's code, negative), or the type of that index; null when it
     * names no value type or no type of this module.
     */
    public FuncType blockType(long blockType) {
        if (blockType == -64) {
            return FuncType.EMPTY;
        }
        if (blockType < 0) {
            dev.jazero.api.ValueType t = ValueTypes.oneByte((int) (blockType & 0x7F));
            return t == null ? null : new FuncType(new dev.jazero.api.ValueType[0], new dev.jazero.api.ValueType[] {t});
        }
        return isFuncType(blockType) ? funcType((int) blockType) : null;
    }

    public List<TableType> allTables() {
        return allTables;
    }

    public List<MemoryType> allMemories() {
        return allMemories;
    }

    public List<GlobalType> allGlobals() {
        return allGlobals;
    }
}
